using System.Collections.Concurrent;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Host.IntegrationTests.Hostile;

/// <summary>
/// Runs before the Host's own exception handler and declines every exception after noting it, so a failing hostile
/// case can name the exception behind a 500 while the response itself (rightly) does not. Requests are told apart by
/// the <see cref="CaseHeader"/> the suite sends.
/// </summary>
internal sealed class ExceptionRecorder : IExceptionHandler
{
    public const string CaseHeader = "X-Hostile-Case";

    private readonly ConcurrentDictionary<string, string> byCase = new(StringComparer.Ordinal);

    /// <summary>The exception (type, message and inner exception) a case's request ended in, if any.</summary>
    public string? For(string caseId) => byCase.GetValueOrDefault(caseId);

    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var caseId = httpContext.Request.Headers[CaseHeader].ToString();
        byCase[caseId] = $"{exception.GetType().FullName}: {exception.Message}"
            + (exception.InnerException is { } inner ? $" <- {inner.GetType().FullName}: {inner.Message}" : string.Empty);
        return ValueTask.FromResult(false);
    }
}
