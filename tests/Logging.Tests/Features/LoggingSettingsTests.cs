using Tests.Shared;

namespace Logging.Tests.Features;

/// <summary><c>Modules:Logging</c> is checked at start-up, every problem in one message.</summary>
public sealed class LoggingSettingsTests
{
    [Fact]
    public void A_batch_size_below_1_and_a_page_size_over_1000_are_both_named()
    {
        var failure = SettingsCheck.Failure<LoggingOptions, LoggingOptionsValidator>(
            "Modules:Logging", ("Ingestion:MaxBatchSize", "0"), ("Paging:Max", "1001"));

        failure.Should().Be("Modules:Logging:Ingestion:MaxBatchSize must be at least 1; "
            + "Modules:Logging:Paging:Max may be at most 1000: a page of records is read in one query");
    }

    [Fact]
    public void Default_settings_pass() =>
        SettingsCheck.Failure<LoggingOptions, LoggingOptionsValidator>("Modules:Logging").Should().BeNull();
}
