using System.Diagnostics;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using ModuleKit.Problems;
using ModuleRuntime.Problems;

namespace ModuleRuntime.Tests.Problems;

/// <summary>The one mapping from failures to RFC 7807 bodies, exercised without a server.</summary>
public sealed class ProblemMappingTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection()
        .AddLogging()
        .AddModuleProblemDetails()
        .BuildServiceProvider();

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task A_validation_failure_becomes_400_with_errors_keyed_by_camel_case_field()
    {
        var exception = new ValidationException(
        [
            new ValidationFailure("DisplayName", "Too long."),
            new ValidationFailure("DisplayName", "Too long."),
            new ValidationFailure("DisplayName", "Has control characters."),
            new ValidationFailure("Id", "Bad id."),
        ]);

        var (status, problem, context) = await Handle(exception);

        status.Should().Be(400);
        context.Response.ContentType.Should().StartWith("application/problem+json");
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.Validation);
        var errors = problem.GetProperty("errors");
        errors.GetProperty("displayName").EnumerateArray().Select(e => e.GetString()).Should()
            .Equal("Too long.", "Has control characters.");
        errors.GetProperty("id").EnumerateArray().Select(e => e.GetString()).Should().Equal("Bad id.");
    }

    public static TheoryData<ProblemException, int, string, string> KnownProblems => new()
    {
        { new NotFoundException("No such user."), 404, ProblemTypes.NotFound, "Not found" },
        { new ConflictException("Taken."), 409, ProblemTypes.Conflict, "Conflict" },
        { new ForbiddenException("Not yours."), 403, ProblemTypes.Forbidden, "Forbidden" },
        { new UnauthorizedException("Wrong password."), 401, ProblemTypes.Unauthorized, "Unauthorized" },
        { new TooManyRequestsException("Wait.", TimeSpan.FromSeconds(30)), 429, ProblemTypes.TooManyRequests, "Too many requests" },
    };

    [Theory]
    [MemberData(nameof(KnownProblems))]
    public async Task A_known_problem_keeps_its_status_type_title_and_message(ProblemException exception, int expectedStatus, string type, string title)
    {
        var (status, problem, _) = await Handle(exception);

        status.Should().Be(expectedStatus);
        problem.GetProperty("status").GetInt32().Should().Be(expectedStatus);
        problem.GetProperty("type").GetString().Should().Be(type);
        problem.GetProperty("title").GetString().Should().Be(title);
        problem.GetProperty("detail").GetString().Should().Be(exception.Message);
    }

    [Theory]
    [InlineData(90.2, "91")]
    [InlineData(300, "300")]
    [InlineData(0.2, "1")]
    [InlineData(0, "1")]
    public async Task Too_many_requests_sets_Retry_After_in_whole_seconds_rounded_up(double seconds, string expected)
    {
        var (_, problem, context) = await Handle(new TooManyRequestsException("Wait.", TimeSpan.FromSeconds(seconds)));

        context.Response.Headers.RetryAfter.ToString().Should().Be(expected);
        problem.GetProperty("retryAfterSeconds").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be(expected);
    }

    [Theory]
    [InlineData(413, ProblemTypes.PayloadTooLarge)]
    [InlineData(415, ProblemTypes.UnsupportedMediaType)]
    [InlineData(400, ProblemTypes.MalformedRequest)]
    [InlineData(431, ProblemTypes.MalformedRequest)]
    public async Task A_bad_request_from_the_server_keeps_its_status_and_gets_a_stable_type(int statusCode, string type)
    {
        var (status, problem, _) = await Handle(new BadHttpRequestException("framework text", statusCode));

        status.Should().Be(statusCode);
        problem.GetProperty("type").GetString().Should().Be(type);
        problem.GetProperty("detail").GetString().Should().NotContain("framework text");
    }

    [Fact]
    public async Task Unreadable_JSON_is_described_by_where_it_went_wrong()
    {
        var json = new JsonException("internal parser text", "$.displayName", lineNumber: 2, bytePositionInLine: 14);

        var (_, problem, _) = await Handle(new BadHttpRequestException("Failed to read parameter", 400, json));

        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.MalformedRequest);
        problem.GetProperty("detail").GetString().Should()
            .Contain("$.displayName").And.Contain("line 3").And.Contain("position 14").And.NotContain("internal parser text");
    }

    [Fact]
    public async Task An_unexpected_exception_becomes_500_without_leaking_its_message_or_type()
    {
        var (status, problem, _) = await Handle(new InvalidOperationException("SELECT * FROM Users WHERE secret"));

        status.Should().Be(500);
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.Unexpected);
        var text = problem.GetRawText();
        text.Should().NotContain("SELECT").And.NotContain("InvalidOperationException").And.NotContain("secret");
        problem.GetProperty("detail").GetString().Should().Contain("traceId");
    }

    [Fact]
    public async Task A_transient_database_failure_wrapped_by_the_data_layer_becomes_503_with_Retry_After_and_no_SQL()
    {
        var wrapped = new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new FakeDbException("connection to 127.0.0.1:5432 refused; SELECT secret", transient: true));

        var (status, problem, context) = await Handle(wrapped);

        status.Should().Be(503);
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.DatabaseUnavailable);
        context.Response.Headers.RetryAfter.ToString().Should().Be("1");
        problem.GetRawText().Should().NotContain("SELECT").And.NotContain("127.0.0.1");
    }

    [Fact]
    public async Task A_database_failure_that_is_not_transient_stays_a_500()
    {
        var (status, problem, _) = await Handle(new FakeDbException("syntax error at or near SELECT", transient: false));

        status.Should().Be(500);
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.Unexpected);
    }

    private sealed class FakeDbException(string message, bool transient) : System.Data.Common.DbException(message)
    {
        public override bool IsTransient => transient;
    }

    [Fact]
    public async Task A_request_the_client_abandoned_is_handled_without_writing_a_body()
    {
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var context = NewContext();
        context.RequestAborted = aborted.Token;

        var handled = await Handler().TryHandleAsync(context, new OperationCanceledException(aborted.Token), CancellationToken.None);

        handled.Should().BeTrue();
        context.Response.Body.Length.Should().Be(0);
    }

    [Fact]
    public async Task Every_problem_carries_the_request_trace_identifier_and_path()
    {
        var (_, problem, _) = await Handle(new NotFoundException("gone"), traceIdentifier: "trace-42", path: "/api/users/bob");

        problem.GetProperty("traceId").GetString().Should().Be("trace-42");
        problem.GetProperty("instance").GetString().Should().Be("/api/users/bob");
    }

    [Fact]
    public async Task Inside_an_activity_the_traceId_is_the_W3C_trace_id()
    {
        using var activity = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();

        var (_, problem, _) = await Handle(new NotFoundException("gone"), traceIdentifier: "ignored");

        problem.GetProperty("traceId").GetString().Should().Be(activity.TraceId.ToString());
    }

    [Theory]
    [InlineData(401, ProblemTypes.Unauthorized, "Bearer")]
    [InlineData(403, ProblemTypes.Forbidden, "may not")]
    [InlineData(404, ProblemTypes.NotFound, "Nothing is served")]
    [InlineData(405, ProblemTypes.MethodNotAllowed, "method")]
    [InlineData(413, ProblemTypes.PayloadTooLarge, "larger")]
    [InlineData(415, ProblemTypes.UnsupportedMediaType, "application/json")]
    [InlineData(502, ProblemTypes.ModuleUnavailable, "may or may not have taken effect")]
    public async Task A_bodiless_framework_error_gets_a_stable_type_and_an_actionable_detail(int status, string type, string hint)
    {
        var problem = await WriteStatusOnly(status);

        problem.GetProperty("type").GetString().Should().Be(type);
        problem.GetProperty("detail").GetString().Should().Contain(hint);
        problem.GetProperty("traceId").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_status_without_a_stable_type_keeps_the_framework_default()
    {
        var problem = await WriteStatusOnly(400);

        problem.GetProperty("type").GetString().Should().StartWith("https://tools.ietf.org/");
    }

    [Fact]
    public async Task A_problem_that_already_has_a_stable_type_is_left_alone()
    {
        var context = NewContext();
        context.Response.StatusCode = 404;
        await services.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = 404, Type = "urn:problem:custom", Detail = "Custom detail." },
        });

        var problem = Read(context);
        problem.GetProperty("type").GetString().Should().Be("urn:problem:custom");
        problem.GetProperty("detail").GetString().Should().Be("Custom detail.");
    }

    private async Task<JsonElement> WriteStatusOnly(int status)
    {
        var context = NewContext();
        context.Response.StatusCode = status;
        await services.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status },
        });
        return Read(context);
    }

    private IExceptionHandler Handler() => services.GetServices<IExceptionHandler>().Should().ContainSingle().Subject;

    private async Task<(int Status, JsonElement Problem, HttpContext Context)> Handle(
        Exception exception, string traceIdentifier = "trace-1", string path = "/api/test")
    {
        var context = NewContext(traceIdentifier, path);

        var handled = await Handler().TryHandleAsync(context, exception, CancellationToken.None);

        handled.Should().BeTrue();
        return (context.Response.StatusCode, Read(context), context);
    }

    private DefaultHttpContext NewContext(string traceIdentifier = "trace-1", string path = "/api/test")
    {
        var context = new DefaultHttpContext { RequestServices = services, TraceIdentifier = traceIdentifier };
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static JsonElement Read(HttpContext context)
    {
        context.Response.Body.Position = 0;
        return JsonDocument.Parse(context.Response.Body).RootElement.Clone();
    }
}
