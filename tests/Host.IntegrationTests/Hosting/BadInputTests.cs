using System.Net.Http.Headers;
using System.Text;

namespace Host.IntegrationTests.Hosting;

/// <summary>Whatever a client sends, the answer is a 4xx problem with a traceId, never a 500.</summary>
public sealed class BadInputTests(HostFactory host) : IClassFixture<HostFactory>
{
    private const int MaxBodyBytes = 1024 * 1024;

    // Just over the limit: the server reads up to the limit, so little is left unsent when it answers and closes.
    private const int Overshoot = 4096;

    private readonly HttpClient client = host.CreateApiClient();

    public static TheoryData<string, string> MalformedJson => Bodies(
        "{\"id\":",
        "{\"id\":\"abc\",}",
        "{\"id\":\"abc\" \"password\":\"x\"}",
        "{'id':'abc'}",
        "not json at all",
        "{\"id\":\"abc\"}}",
        "{\"id\":\"abc\"} trailing",
        "{\"id\":\"unterminated",
        "{\"id\":" + new string('[', 200) + new string(']', 200) + "}",
        "\u00EF\u00BB\u00BF{");

    public static TheoryData<string, string> WrongShape => Bodies(
        "{\"id\":123,\"password\":\"password123\",\"displayName\":\"x\"}",
        "{\"id\":true,\"password\":\"password123\",\"displayName\":\"x\"}",
        "{\"id\":[\"abc\"],\"password\":\"password123\",\"displayName\":\"x\"}",
        "{\"id\":{\"nested\":1},\"password\":\"password123\",\"displayName\":\"x\"}",
        "{\"id\":\"abc\",\"password\":12345678,\"displayName\":\"x\"}",
        "[]",
        "[{\"id\":\"abc\"}]",
        "null",
        "\"a string\"",
        "42",
        "true");

    public static TheoryData<string> BodyEndpoints => [Api.Users, Api.LogInPath];

    [Theory]
    [MemberData(nameof(MalformedJson))]
    public async Task Malformed_JSON_returns_400_problem(string path, string body)
    {
        using var response = await client.PostRaw(path, body);

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.MalformedRequest);
    }

    [Theory]
    [MemberData(nameof(WrongShape))]
    public async Task JSON_of_the_wrong_shape_returns_400_problem(string path, string body)
    {
        using var response = await client.PostRaw(path, body);

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.MalformedRequest);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task An_empty_body_returns_400_problem(string path)
    {
        using var response = await client.PostRaw(path, string.Empty);

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.MalformedRequest);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Null_fields_are_validation_errors_not_crashes(string path)
    {
        using var response = await client.PostRaw(path, "{\"id\":null,\"password\":null,\"displayName\":null}");

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        problem.GetProperty("errors").TryGetProperty("id", out _).Should().BeTrue();
        problem.GetProperty("errors").TryGetProperty("password", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Malformed_JSON_problem_says_where_the_body_went_wrong()
    {
        using var response = await client.PostRaw(Api.Users, "{\"id\":123,\"password\":\"password123\",\"displayName\":\"x\"}");

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.MalformedRequest);
        problem.GetProperty("detail").GetString().Should().Contain("$.id");
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_return_400_problem()
    {
        byte[] body = [.. "{\"id\":\""u8, 0xFF, 0xFE, 0xC0, .. "\",\"password\":\"password123\",\"displayName\":\"x\"}"u8];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(Api.Users, content);

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.MalformedRequest);
    }

    [Theory]
    [InlineData("/api/users", "text/plain")]
    [InlineData("/api/users", "application/xml")]
    [InlineData("/api/users", "application/x-www-form-urlencoded")]
    [InlineData("/api/users", "multipart/form-data")]
    [InlineData("/api/users/login", "text/plain")]
    [InlineData("/api/users/login", "application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_JSON_by_content_type_returns_415_problem(string path, string contentType)
    {
        using var response = await client.PostRaw(path, "{\"id\":\"abc\",\"password\":\"password123\"}", contentType);

        await response.ShouldBeProblem(HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_body_without_a_content_type_returns_415_problem()
    {
        using var content = new ByteArrayContent("{\"id\":\"abc\",\"password\":\"password123\"}"u8.ToArray());

        using var response = await client.PostAsync(Api.LogInPath, content);

        await response.ShouldBeProblem(HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType);
    }

    [Fact]
    public async Task JSON_with_a_charset_parameter_is_accepted()
    {
        var id = Api.NewId();
        using var content = new StringContent(
            $"{{\"id\":\"{id}\",\"password\":\"password123\",\"displayName\":\"Charset\"}}", Encoding.UTF8, "application/json");
        content.Headers.ContentType!.CharSet = "utf-8";

        using var response = await client.PostAsync(Api.Users, content);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task A_body_over_1_MiB_with_Content_Length_returns_413_problem(string path)
    {
        using var content = new ByteArrayContent(JsonBodyOf(MaxBodyBytes + 1));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentLength.Should().Be(MaxBodyBytes + 1);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        // The server refuses on the declared length alone; waiting for "100 Continue" keeps the client from
        // still writing the body when the server answers and closes, which would reset the connection.
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request);

        await response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task A_chunked_body_over_1_MiB_returns_413_problem(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ChunkedContent(JsonBodyOf(MaxBodyBytes + Overshoot)) };

        using var response = await client.SendAsync(request);

        request.Headers.TransferEncodingChunked.Should().NotBe(false);
        request.Content.Headers.ContentLength.Should().BeNull("the body went out chunked");
        await response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge);
    }

    [Fact]
    public async Task A_body_of_exactly_1_MiB_is_read_and_validated()
    {
        using var content = new ByteArrayContent(JsonBodyOf(MaxBodyBytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(Api.Users, content);

        await response.ShouldBeValidationProblem("displayName");
    }

    [Fact]
    public async Task The_server_keeps_serving_after_refusing_an_oversized_body()
    {
        using (var request = new HttpRequestMessage(HttpMethod.Post, Api.Users) { Content = new ChunkedContent(JsonBodyOf(MaxBodyBytes + Overshoot)) })
        {
            // The 413 itself is the test above. Here the server may also close while the client still writes the last
            // bytes (a broken pipe on the client's side): either way it refused, and the claim is what comes after.
            try
            {
                using var refused = await client.SendAsync(request);
                refused.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
            }
            catch (HttpRequestException e) when (e.InnerException is IOException)
            {
            }
        }

        var id = await client.SignUpNew();
        (await client.TokenFor(id)).Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("POST", "/api/users/me")]
    [InlineData("PUT", "/api/users")]
    [InlineData("PATCH", "/api/users/login")]
    public async Task An_unsupported_method_is_a_405_problem(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };

        using var response = await client.SendAsync(request);

        await response.ShouldBeProblem(HttpStatusCode.MethodNotAllowed, "urn:problem:method-not-allowed");
    }

    /// <summary>A sign-up body of exactly <paramref name="size"/> bytes whose display name is far too long.</summary>
    private static byte[] JsonBodyOf(int size)
    {
        const string head = "{\"id\":\"big_body\",\"password\":\"password123\",\"displayName\":\"";
        const string tail = "\"}";
        return Encoding.UTF8.GetBytes(head + new string('x', size - head.Length - tail.Length) + tail);
    }

    private static TheoryData<string, string> Bodies(params string[] bodies)
    {
        var data = new TheoryData<string, string>();
        foreach (var body in bodies)
        {
            data.Add(Api.Users, body);
            data.Add(Api.LogInPath, body);
        }

        return data;
    }
}
