using System.Net.Http.Headers;
using System.Text;

namespace Host.IntegrationTests.Hostile;

/// <summary>
/// The four inputs the hostile-input sweep found answered with a 500, one focused check each, so a regression
/// names its cause rather than showing up as one case among thousands.
/// </summary>
public sealed class HostileRegressionTests(HostileHost host) : IClassFixture<HostileHost>
{
    [Theory]
    [InlineData("/api/logs", "{\"method\":\"GET\",\"path\":\"/a\\ud800\",\"status\":200,\"durationMs\":1}")]
    [InlineData("/api/logs", "{\"method\":\"GET\",\"path\":\"/a\",\"status\":200,\"durationMs\":1,\"x\\udfff\":1}")]
    [InlineData("/log", "{\"ip\":\"127.0.0.1\",\"originalUrl\":\"/a\\ud800\",\"userID\":\"u\"}")]
    [InlineData("/log", "[{\"ip\":\"127.0.0.1\",\"originalUrl\":\"/a\",\"userID\":\"\\udc00x\"}]")]
    public async Task A_lone_surrogate_sent_to_log_ingestion_is_a_400_problem(string path, string body)
    {
        using var response = await Send(HttpMethod.Post, path, Json(Encoding.UTF8.GetBytes(body)));

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.MalformedRequest);
    }

    [Theory]
    [InlineData("/api/logs")]
    [InlineData("/log")]
    public async Task Bytes_that_are_not_UTF8_sent_to_log_ingestion_are_a_400_problem(string path)
    {
        byte[] body = [.. "{\"ip\":\"127.0.0.1\",\"method\":\"GET\",\"originalUrl\":\"/a\",\"path\":\"/"u8, 0xFF, 0xFE, 0xC0,
            .. "\",\"userID\":\"u\",\"status\":200,\"durationMs\":1}"u8];

        using var response = await Send(HttpMethod.Post, path, Json(body));

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.MalformedRequest);
    }

    [Theory]
    [InlineData(Api.Users, "application/json; charset=foo")]
    [InlineData(Api.Users, "application/json; charset=")]
    [InlineData(Api.Users, "application/json; charset=utf-7")]
    [InlineData(Api.Users, "application/json; charset=\"\"")]
    [InlineData(Api.LogInPath, "application/json; charset=x-unknown")]
    [InlineData(LoggingApi.Logs, "application/json; charset=foo")]
    [InlineData(LoggingApi.LegacyLog, "application/json; charset=utf-7")]
    public async Task A_JSON_body_in_a_charset_that_is_not_UTF8_is_a_415_problem(string path, string contentType)
    {
        var body = Json(Encoding.UTF8.GetBytes($"{{\"id\":\"{Api.NewId()}\",\"password\":\"password123\",\"displayName\":\"x\"}}"), contentType);

        using var response = await Send(HttpMethod.Post, path, body);

        await response.ShouldBeProblem(HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("\uFFFE")]
    [InlineData("\uFFFF")]
    [InlineData("a\uFDD0b")]
    [InlineData("\U0001FFFE")]
    public async Task A_noncharacter_in_a_display_name_is_a_validation_problem(string noncharacter)
    {
        using var response = await Send(HttpMethod.Post, Api.Users,
            JsonContent.Create(new { id = Api.NewId(), password = Api.DefaultPassword, displayName = "Name " + noncharacter }));

        await response.ShouldBeValidationProblem("displayName");
    }

    [Theory]
    [InlineData("\uFFFE")]
    [InlineData("\uFFFF")]
    [InlineData("a\uFDEFb")]
    public async Task A_noncharacter_in_a_tweet_or_a_new_display_name_is_a_validation_problem(string noncharacter)
    {
        var (_, token, _) = await host.SignedInUser();

        using var tweet = await Send(HttpMethod.Post, TweetsApi.Tweets, JsonContent.Create(new { text = "Hello " + noncharacter }), token);
        using var rename = await Send(HttpMethod.Patch, Api.MePath, JsonContent.Create(new { displayName = "Name " + noncharacter }), token);

        await tweet.ShouldBeValidationProblem("text");
        await rename.ShouldBeValidationProblem("displayName");
    }

    [Theory]
    [InlineData("GET", Api.MePath)]
    [InlineData("PATCH", Api.MePath)]
    [InlineData("POST", TweetsApi.Tweets)]
    [InlineData("GET", TweetsApi.Home)]
    [InlineData("PUT", "/api/tweets/users/someone/follow")]
    public async Task A_token_signed_with_the_real_key_but_without_a_subject_is_a_401_problem(string method, string path)
    {
        _ = host.Address;
        var token = ForgedTokens.SignedWithHostKey(host.DataPath, subject: null);

        using var response = await Send(new HttpMethod(method), path, JsonContent.Create(new { text = "hello", displayName = "Someone" }), token);

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_token_signed_with_the_real_key_and_a_blank_subject_is_a_401_problem(string subject)
    {
        _ = host.Address;
        var token = ForgedTokens.SignedWithHostKey(host.DataPath, subject);

        using var response = await Send(HttpMethod.Get, Api.MePath, content: null, token);

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    private static ByteArrayContent Json(byte[] body, string contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType).Should().BeTrue();
        return content;
    }

    /// <summary>Sends one request; a 5xx fails here, naming the exception the Host's handler caught.</summary>
    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, HttpContent? content, string? token = null)
    {
        var caseId = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add(ExceptionRecorder.CaseHeader, caseId);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await host.CreateApiClient().SendAsync(request);
        ((int)response.StatusCode).Should().BeLessThan(500, "the Host caught {0}", host.Exceptions.For(caseId) ?? "no exception");
        return response;
    }
}
