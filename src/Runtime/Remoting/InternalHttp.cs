using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using ModuleKit;
using ModuleKit.Problems;
using ModuleRuntime.Problems;
using ModuleRuntime.Routing;

namespace ModuleRuntime.Remoting;

/// <summary>
/// The HTTP client processes use to call each other's internal endpoints, over <see cref="InstanceConnections"/>
/// (the front door's connection setup), with W3C trace context added by the handler's own diagnostics.
/// </summary>
public sealed class InternalHttp : IDisposable
{
    public const string HopsHeader = "X-Contract-Hops";
    public const int MaxHops = 4;

    private readonly HttpClient client = new(InstanceConnections.Handler())
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Posts a JSON body and returns the JSON answer; problems become exceptions the caller can map.</summary>
    public async Task<T?> PostAsync<T>(Uri destination, string path, object body, Type bodyType, string token, int hops, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(destination, path))
        {
            Content = JsonContent.Create(body, bodyType, options: JsonSerializerOptions.Web),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        message.Headers.Add(HopsHeader, (hops + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new RemoteTransportException($"{destination} could not be reached: {e.Message}", e)
            {
                NotDelivered = e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError,
            };
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return response.StatusCode == HttpStatusCode.NoContent
                    ? default
                    : await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken);
            }

            var problem = await ReadProblem(response, cancellationToken);
            if ((int)response.StatusCode >= 500 && problem.Type is not (ProblemTypes.ModuleTimeout or ProblemTypes.ModuleUnavailable))
            {
                throw new RemoteTransportException($"{destination} failed with {(int)response.StatusCode}: {problem.Detail}");
            }

            // The instance's own answer (a 4xx, or a further hop's 503/504): passed on as it is.
            problem.Instance = null;
            throw new RemoteProblemException(problem);
        }
    }

    public void Dispose() => client.Dispose();

    private static async Task<ProblemDetails> ReadProblem(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            if (await response.Content.ReadFromJsonAsync<ProblemDetails>(JsonSerializerOptions.Web, cancellationToken) is { } problem)
            {
                problem.Status ??= (int)response.StatusCode;
                return problem;
            }
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or HttpRequestException)
        {
        }

        return new ProblemDetails { Status = (int)response.StatusCode, Title = response.ReasonPhrase, Detail = $"The module answered {(int)response.StatusCode}." };
    }
}
