using System.Collections.Concurrent;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModuleKit.Paging;
using ModuleKit.Settings;
using Tests.Shared;

namespace ModuleKit.Tests.Settings;

/// <summary>Settings checked by a validator: every problem in one message, at start-up and on every reload.</summary>
public sealed class ValidatedOptionsTests
{
    [Fact]
    public void Every_broken_rule_is_reported_in_one_message_naming_its_key()
    {
        var failure = SettingsCheck.Failure<ShopOptions, ShopOptionsValidator>("Shop", ("Name", " "), ("Paging:Default", "0"), ("Paging:Max", "500"));

        failure.Should().Be("Shop:Name must not be empty; Shop:Paging:Default must be at least 1; Shop:Paging:Max may be at most 100");
    }

    [Fact]
    public void Good_settings_pass() =>
        SettingsCheck.Failure<ShopOptions, ShopOptionsValidator>("Shop", ("Name", "corner")).Should().BeNull();

    [Fact]
    public void A_bad_reload_is_logged_and_the_last_good_settings_stay_in_force()
    {
        using var shop = new ReloadingShop(("Name", "corner"), ("Paging:Default", "10"));
        shop.Monitor.CurrentValue.Paging.Default.Should().Be(10);

        shop.Reload(("Paging:Default", "0"), ("Paging:Max", "500"));

        shop.Monitor.CurrentValue.Paging.Default.Should().Be(10);
        shop.Errors.Should().ContainSingle().Which.Should()
            .Contain("Shop settings are not valid, so the previous ones stay in force")
            .And.Contain("Shop:Paging:Default must be at least 1; Shop:Paging:Max may be at most 100");
    }

    [Fact]
    public void A_reload_with_a_value_that_does_not_convert_keeps_the_last_good_settings_too()
    {
        using var shop = new ReloadingShop(("Name", "corner"), ("Paging:Default", "10"));
        _ = shop.Monitor.CurrentValue;

        shop.Reload(("Paging:Default", "ten"));

        shop.Monitor.CurrentValue.Paging.Default.Should().Be(10);
        shop.Errors.Should().ContainSingle().Which.Should().Contain("Shop:Paging:Default");
    }

    [Fact]
    public void A_good_reload_after_a_bad_one_takes_effect()
    {
        using var shop = new ReloadingShop(("Name", "corner"));
        _ = shop.Monitor.CurrentValue;
        shop.Reload(("Name", ""));

        shop.Reload(("Name", "market"));

        shop.Monitor.CurrentValue.Name.Should().Be("market");
    }

    internal sealed class ShopOptions
    {
        public string Name { get; set; } = string.Empty;

        public PageSize Paging { get; set; } = new();
    }

    internal sealed class ShopOptionsValidator : AbstractValidator<ShopOptions>
    {
        public ShopOptionsValidator()
        {
            RuleFor(o => o.Name).NotEmpty().WithMessage("must not be empty.");
            RuleFor(o => o.Paging).SetValidator(new PageSizeRules(100));
        }
    }

    /// <summary>Shop settings read through a monitor over configuration the test edits and reloads, as a saved file would be.</summary>
    private sealed class ReloadingShop : IDisposable
    {
        private readonly IConfigurationRoot configuration;
        private readonly ServiceProvider services;
        private readonly ConcurrentQueue<string> errors = new();

        public ReloadingShop(params (string Key, string Value)[] settings)
        {
            configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"Shop:{s.Key}", (string?)s.Value)))
                .Build();
            var collection = new ServiceCollection().AddLogging(logging => logging.AddProvider(new ErrorLog(errors)));
            collection.AddValidatedOptions<ShopOptions, ShopOptionsValidator>(configuration.GetSection("Shop"));
            services = collection.BuildServiceProvider();
        }

        public IOptionsMonitor<ShopOptions> Monitor => services.GetRequiredService<IOptionsMonitor<ShopOptions>>();

        public IReadOnlyList<string> Errors => [.. errors];

        public void Reload(params (string Key, string Value)[] changes)
        {
            var memory = configuration.Providers.OfType<MemoryConfigurationProvider>().Single();
            foreach (var (key, value) in changes)
            {
                memory.Set($"Shop:{key}", value);
            }

            configuration.Reload();
        }

        public void Dispose() => services.Dispose();

        private sealed class ErrorLog(ConcurrentQueue<string> errors) : ILoggerProvider, ILogger
        {
            public ILogger CreateLogger(string categoryName) => this;

            public void Dispose()
            {
            }

            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    errors.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
