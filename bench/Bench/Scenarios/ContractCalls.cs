using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using MediatR;
using ModuleRuntime.Hosting;
using Users.Contracts;

namespace Monolith.Bench.Scenarios;

/// <summary>
/// 4. One contract request (<see cref="GetUserSummaries"/> for 20 ids, what a timeline page sends) made from this
/// process the way a module makes it: through the mediator, with the Users module hosted here (in-process) or routed
/// to Users.Service (remote, the kit's forwarder, Polly pipeline and internal HTTP client). Against it, the loopback
/// round-trip floor: the same request body posted to an endpoint that only echoes it, with a client set up alike.
/// </summary>
internal static class ContractCalls
{
    private const int Calls = 2000;

    public static async Task Run(Bench bench, Bed bed, Report report)
    {
        Console.WriteLine("4. Contract call: GetUserSummaries for 20 ids, one caller, " + Calls + " calls per run");
        await using var local = await Caller(bed, remote: null);
        await using var remote = await Caller(bed, bed.UsersService.Url);
        var request = new GetUserSummaries([.. Enumerable.Range(1, 20).Select(Bed.Writer)]);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, JsonSerializerOptions.Web);
        using var floorClient = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false });
        var echo = new Uri(bed.Bare.Url, "echo");

        var sides = new (string Label, Func<Task> Call)[]
        {
            ("in-process (mediator → Users handler → EF)", () => Send(local, request)),
            ("remote (mediator → HTTP → Users.Service)", () => Send(remote, request)),
            ("loopback floor (POST echo)", async () =>
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await floorClient.PostAsync(echo, content);
                response.EnsureSuccessStatusCode();
                _ = await response.Content.ReadAsByteArrayAsync();
            }),
        };

        var p50 = sides.Select(_ => new List<double>()).ToArray();
        var p99 = sides.Select(_ => new List<double>()).ToArray();
        foreach (var side in sides)
        {
            await Loop(side.Call, 300);
        }

        for (var repetition = 0; repetition < bench.Settings.Repetitions; repetition++)
        {
            // A different side first each time, so none always runs on a machine the others just warmed or tired.
            for (var turn = 0; turn < sides.Length; turn++)
            {
                var index = (turn + repetition) % sides.Length;
                var samples = await Loop(sides[index].Call, Calls);
                p50[index].Add(Series.Percentile(samples, 50));
                p99[index].Add(Series.Percentile(samples, 99));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {repetition + 1}/{bench.Settings.Repetitions} {sides[index].Label,-44} p50 {p50[index][^1],7:0} µs  p99 {p99[index][^1],7:0} µs"));
            }
        }

        var remoteOverFloor = new Series(p50[1].Zip(p50[2], (r, f) => r / f));
        var hopOverFloor = new Series(p50[1].Zip(p50[0], (r, l) => r - l).Zip(p50[2], (hop, f) => hop / f));
        report.Goal("4. Remote contract call ≤ 2× the loopback round-trip floor (p50)", remoteOverFloor.Format("0.00", "×"), remoteOverFloor.Median <= 2);
        report.Section("4. Contract call: in-process vs remote", $"""
            `GetUserSummaries` for 20 ids, sent {Calls} times in a row per run by one caller in the benchmark process, through
            a mediator composed by the kit's `AddServiceDefaults` exactly as in the Host (a new scope per call, as each
            request has). Remote: `Modules:Users:Mode=Remote` to Users.Service, no fallback. Floor: the same JSON body
            posted to `bench/BareApi`'s `/echo` with a pooled `HttpClient`.

            {Report.Table(["", "p50 per call (µs)", "p99 per call (µs)"], sides.Select((s, i) => (IReadOnlyList<string>)[s.Label, new Series(p50[i]).Format(), new Series(p99[i]).Format()]))}
            Remote over the floor at p50: {remoteOverFloor.Format("0.00", "×")}. The hop alone (remote minus in-process, the
            work the module does on either side left out) is {hopOverFloor.Format("0.00", "×")} the floor.
            """);
    }

    private static async Task<IReadOnlyList<double>> Loop(Func<Task> call, int count)
    {
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        return samples;
    }

    private static async Task Send(WebApplication app, GetUserSummaries request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var summaries = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
        if (summaries.Count != request.UserIds.Count)
        {
            throw new InvalidOperationException($"GetUserSummaries answered {summaries.Count} summaries for {request.UserIds.Count} known ids.");
        }
    }

    /// <summary>A process-local host of the Users module, routed in-process or to a remote instance.</summary>
    private static async Task<WebApplication> Caller(Bed bed, Uri? remote)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = bed.Root });
        var settings = new Dictionary<string, string?>
        {
            ["Data:Directory"] = bed.DataDirectory,
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        if (remote is not null)
        {
            settings["Modules:Users:Mode"] = "Remote";
            settings["Modules:Users:Fallback"] = "false";
            settings["Modules:Users:Destinations:0"] = remote.ToString();
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults([new Users.UsersModule()]);
        var app = builder.Build();
        app.UseServiceDefaults();
        await app.RunStartupPhasesAsync();
        await app.StartAsync();
        return app;
    }
}
