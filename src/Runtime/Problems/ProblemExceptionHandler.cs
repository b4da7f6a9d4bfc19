using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using ModuleKit;
using ModuleKit.Problems;
using ModuleRuntime.Routing;

namespace ModuleRuntime.Problems;

/// <summary>
/// The one mapping from exceptions to problem details. Clients see a status, a stable type and a
/// message they can act on; never a stack trace, exception type or SQL.
/// </summary>
internal sealed partial class ProblemExceptionHandler(
    IProblemDetailsService problemDetails,
    ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            return true;
        }

        var problem = exception switch
        {
            ValidationException validation => FromValidation(validation),
            RemoteProblemException remote => remote.Problem,
            InjectedFaultException injected => FromKnown(new ModuleUnavailableException(injected.Message), httpContext),
            ProblemException known => FromKnown(known, httpContext),
            BadHttpRequestException badRequest => FromBadRequest(badRequest),
            _ when TransientDatabaseFailure.Find(exception) is { } database => DatabaseUnavailable(database, httpContext),
            _ => Unexpected(exception),
        };

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
        });
    }

    private static ValidationProblemDetails FromValidation(ValidationException exception)
    {
        var errors = exception.Errors
            .GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        return new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.Validation,
            Title = "The request is not valid",
            Detail = "See the errors for each field.",
        };
    }

    private static ProblemDetails FromKnown(ProblemException exception, HttpContext httpContext)
    {
        var problem = new ProblemDetails
        {
            Status = exception.StatusCode,
            Type = exception.Type,
            Title = exception.Title,
            Detail = exception.Message,
        };
        if (exception is TooManyRequestsException tooMany)
        {
            var seconds = (int)Math.Ceiling(Math.Max(1, tooMany.RetryAfter.TotalSeconds));
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            problem.Extensions["retryAfterSeconds"] = seconds;
        }

        return problem;
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException exception)
    {
        // 413 and 415 get their type and message from the same table as the framework's bodiless answers.
        var problem = new ProblemDetails { Status = exception.StatusCode };
        StatusProblems.Describe(problem);
        if (problem.Type is null)
        {
            problem.Type = ProblemTypes.MalformedRequest;
            problem.Title = "Malformed request";
            problem.Detail = Describe(exception);
        }

        return problem;
    }

    private static string Describe(BadHttpRequestException exception) =>
        exception.InnerException is JsonException json
            ? string.Create(CultureInfo.InvariantCulture,
                $"The request body is not valid JSON for this endpoint (at {json.Path ?? "$"}, line {(json.LineNumber ?? 0) + 1}, position {json.BytePositionInLine ?? 0}).")
            : "The request could not be read: check the body, the query string and the route values.";

    /// <summary>
    /// The module's database server is restarting or unreachable: nothing the client did, and nothing was stored (the
    /// transaction did not commit), so a 503 with Retry-After says "send it again shortly" rather than "we broke".
    /// </summary>
    private ProblemDetails DatabaseUnavailable(System.Data.Common.DbException exception, HttpContext httpContext)
    {
        LogDatabaseUnavailable(logger, exception.Message);
        httpContext.Response.Headers.RetryAfter = "1";
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Type = ProblemTypes.DatabaseUnavailable,
            Title = "Database unavailable",
            Detail = "The module's database could not be reached. Try again in a moment; a request sent with an Idempotency-Key is safe to send again.",
        };
    }

    private ProblemDetails Unexpected(Exception exception)
    {
        LogUnexpected(logger, exception);
        return new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Type = ProblemTypes.Unexpected,
            Title = "Unexpected error",
            Detail = "The server could not complete the request. Quote the traceId when reporting it.",
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The module's database could not be reached: {Reason}")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception while serving the request")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
