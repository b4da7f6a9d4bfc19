using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ModuleKit;
using ModuleKit.Problems;

namespace ModuleRuntime.Problems;

/// <summary>
/// Gives the bodiless errors the framework produces (401 from the token check, 404 for unknown paths,
/// 405, 415) the same stable types and actionable messages as the problems handlers throw.
/// </summary>
internal static class StatusProblems
{
    public static void Describe(ProblemDetails problem)
    {
        if (problem.Type is not null && !problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
        {
            return;
        }

        var (type, detail) = problem.Status switch
        {
            StatusCodes.Status401Unauthorized => (ProblemTypes.Unauthorized,
                "Log in and send the token as 'Authorization: Bearer <token>'. The token may be missing, expired or not valid."),
            StatusCodes.Status403Forbidden => (ProblemTypes.Forbidden, "You are signed in but may not do this."),
            StatusCodes.Status404NotFound => (ProblemTypes.NotFound, "Nothing is served at this path."),
            StatusCodes.Status405MethodNotAllowed => (ProblemTypes.MethodNotAllowed, "This path does not accept this HTTP method."),
            StatusCodes.Status413PayloadTooLarge => (ProblemTypes.PayloadTooLarge, "The request body is larger than this server accepts."),
            StatusCodes.Status502BadGateway => (ProblemTypes.ModuleUnavailable,
                "An extracted module stopped answering this request part way; it may or may not have taken effect. Check before repeating it."),
            StatusCodes.Status415UnsupportedMediaType => (ProblemTypes.UnsupportedMediaType,
                "Send the request body as JSON with 'Content-Type: application/json'."),
            _ => ((string?)null, (string?)null),
        };
        if (type is null)
        {
            return;
        }

        problem.Type = type;
        problem.Detail ??= detail;
    }
}
