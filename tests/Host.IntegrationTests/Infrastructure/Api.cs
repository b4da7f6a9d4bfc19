using System.Text;

namespace Host.IntegrationTests.Infrastructure;

/// <summary>The Users API as a test drives it.</summary>
public static class Api
{
    public const string Users = "/api/users";
    public const string LogInPath = "/api/users/login";
    public const string MePath = "/api/users/me";
    public const string DefaultPassword = "correct horse battery";
    public const string DefaultDisplayName = "Test User";

    private static int counter;

    /// <summary>An id no other test in this process uses (letters, digits, underscore; at most 20 characters).</summary>
    public static string NewId(string prefix = "user")
    {
        var suffix = Interlocked.Increment(ref counter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return prefix[..Math.Min(prefix.Length, 19 - suffix.Length)] + "_" + suffix;
    }

    public static Task<HttpResponseMessage> SignUp(this HttpClient client, string id, string password = DefaultPassword, string? displayName = null) =>
        client.PostAsJsonAsync(Users, new { id, password, displayName = displayName ?? DefaultDisplayName });

    public static Task<HttpResponseMessage> LogIn(this HttpClient client, string id, string password = DefaultPassword) =>
        client.PostAsJsonAsync(LogInPath, new { id, password });

    /// <summary>Posts raw text as the body, exactly as given, with the given content type.</summary>
    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string path, string body, string contentType = "application/json") =>
        client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    /// <summary>Signs up a new account and asserts it was created.</summary>
    public static async Task<string> SignUpNew(this HttpClient client, string? id = null, string password = DefaultPassword)
    {
        id ??= NewId();
        using var response = await client.SignUp(id, password);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return id;
    }

    /// <summary>Logs in and returns the access token, asserting the log-in succeeded.</summary>
    public static async Task<string> TokenFor(this HttpClient client, string id, string password = DefaultPassword)
    {
        using var response = await client.LogIn(id, password);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>A new account and a client that sends its bearer token.</summary>
    public static async Task<(string Id, string Token, HttpClient Client)> SignedInUser(this HostFactory host, string? id = null)
    {
        var anonymous = host.CreateApiClient();
        id = await anonymous.SignUpNew(id);
        var token = await anonymous.TokenFor(id);
        return (id, token, host.CreateApiClient(token));
    }

    public static async Task<JsonElement> Json(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts the response is RFC 7807 problem details with this status, a traceId and (if given) this type.</summary>
    public static async Task<JsonElement> ShouldBeProblem(this HttpResponseMessage response, HttpStatusCode status, string? type = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, "the body was: {0}", body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", "the body was: {0}", body);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        problem.TryGetProperty("traceId", out var traceId).Should().BeTrue("every problem carries a traceId: {0}", body);
        traceId.GetString().Should().NotBeNullOrWhiteSpace();
        problem.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace();
        if (type is not null)
        {
            problem.GetProperty("type").GetString().Should().Be(type);
        }

        return problem;
    }

    /// <summary>Asserts a 400 validation problem that names exactly these fields under <c>errors</c>.</summary>
    public static async Task<JsonElement> ShouldBeValidationProblem(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(fields);
        foreach (var field in fields)
        {
            errors.GetProperty(field).EnumerateArray().Should().NotBeEmpty()
                .And.OnlyContain(message => !string.IsNullOrWhiteSpace(message.GetString()));
        }

        return problem;
    }
}

/// <summary>The problem types the product promises (mirrors ModuleKit.Problems.ProblemTypes, written out so a rename shows up).</summary>
public static class ProblemTypes
{
    public const string Validation = "urn:problem:validation";
    public const string MalformedRequest = "urn:problem:malformed-request";
    public const string UnsupportedMediaType = "urn:problem:unsupported-media-type";
    public const string PayloadTooLarge = "urn:problem:payload-too-large";
    public const string NotFound = "urn:problem:not-found";
    public const string Conflict = "urn:problem:conflict";
    public const string Unauthorized = "urn:problem:unauthorized";
    public const string TooManyRequests = "urn:problem:too-many-requests";
}
