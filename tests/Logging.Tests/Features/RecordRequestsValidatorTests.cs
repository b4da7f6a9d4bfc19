using Logging.Contracts;
using Logging.Domain;
using Logging.Features.RecordRequests;

namespace Logging.Tests.Features;

public sealed class RecordRequestsValidatorTests
{
    [Theory]
    [InlineData(99)]
    [InlineData(600)]
    [InlineData(999)]
    public void A_status_outside_the_range_every_other_way_in_accepts_is_refused(int status)
    {
        var result = new RecordRequestsValidator().Validate(Batch(status));

        result.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            PropertyName = "Entries[0].Status",
            ErrorMessage = LogRecordRules.StatusMessage,
        });
    }

    [Theory]
    [InlineData(LogRecordRules.MinStatus)]
    [InlineData(LogRecordRules.MaxStatus)]
    public void The_first_and_last_status_of_the_range_are_accepted(int status) =>
        new RecordRequestsValidator().Validate(Batch(status)).IsValid.Should().BeTrue();

    private static RecordRequests Batch(int status) =>
        new([new RequestLogEntry("id", DateTimeOffset.UtcNow, "GET", "/", status, 1, null, null, "Host", null)]);
}
