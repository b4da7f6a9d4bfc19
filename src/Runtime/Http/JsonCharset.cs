using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using ModuleKit;
using ModuleKit.Http;
using ModuleKit.Problems;
using ModuleRuntime.Problems;

namespace ModuleRuntime.Http;

/// <summary>
/// JSON bodies are read as UTF-8 only (RFC 8259 section 8.1). The framework would instead look the charset up and,
/// for an unknown, empty or disabled one (utf-7), throw an InvalidOperationException from inside parameter binding,
/// which is a 500; and endpoints that parse the body themselves would ignore the charset and misread it. Checking the
/// header once, before routing, gives every endpoint, present and future, the same 415 answer.
/// </summary>
public static class JsonCharset
{
    public const string Detail = "Send JSON in UTF-8: leave the charset parameter out or send 'Content-Type: application/json; charset=utf-8'.";

    public static IApplicationBuilder UseJsonCharsetCheck(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false
                && MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
                && IsJson(mediaType)
                && !IsUtf8(mediaType))
            {
                throw new UnsupportedMediaTypeException(Detail);
            }

            return next(context);
        });

    // The same test the framework's HasJsonContentType applies: application/json or any type with a +json suffix.
    private static bool IsJson(MediaTypeHeaderValue mediaType) =>
        mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);

    // No charset parameter means UTF-8; a present but empty one ("charset=") is as unknown as "charset=foo".
    private static bool IsUtf8(MediaTypeHeaderValue mediaType)
    {
        var charset = mediaType.Parameters.FirstOrDefault(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase));
        if (charset is null)
        {
            return true;
        }

        var value = HeaderUtilities.RemoveQuotes(charset.Value);
        return value.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || value.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }
}
