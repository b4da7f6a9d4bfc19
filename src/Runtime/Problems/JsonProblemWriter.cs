using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using ModuleKit;
using ModuleKit.Problems;

namespace ModuleRuntime.Problems;

/// <summary>
/// The framework's writer answers only clients that accept JSON; this one answers everyone else
/// (a browser sending <c>Accept: text/html</c>), so an error is never an empty body or a stack-trace page.
/// </summary>
internal sealed class JsonProblemWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<JsonOptions> jsonOptions)
    : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var response = context.HttpContext.Response;
        problem.Status ??= response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);

        response.ContentType = "application/problem+json";
        return new ValueTask(JsonSerializer.SerializeAsync(
            response.Body, problem, problem.GetType(), jsonOptions.Value.SerializerOptions, context.HttpContext.RequestAborted));
    }
}
