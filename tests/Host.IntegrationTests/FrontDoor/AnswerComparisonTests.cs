using System.Text;
using Monolith.Host.FrontDoor.Shadow;

namespace Host.IntegrationTests.FrontDoor;

/// <summary>How the shadow comparison tells two answers apart, and what it lets differ.</summary>
public sealed class AnswerComparisonTests
{
    private static readonly string[] Ignored = ["traceId"];

    [Fact]
    public void The_same_JSON_in_another_property_order_and_escaping_is_the_same_answer()
    {
        var differences = Compare(Json("""{"id":"a","when":"2026-12-01T08:00:00+00:00","tags":[1,2]}"""), Json("""{"tags":[1,2],"when":"2026-12-01T08:00:00\u002B00:00","id":"a"}"""));

        differences.Should().BeEmpty();
    }

    [Fact]
    public void An_ignored_field_may_differ_at_any_depth_but_nothing_else()
    {
        var differences = Compare(Json("""{"traceId":"1","error":{"traceId":"2","title":"Gone"}}"""), Json("""{"traceId":"9","error":{"traceId":"8","title":"Lost"}}"""));

        differences.Should().ContainSingle().Which.Should().Be(new Difference("/error/title", "\"Gone\"", "\"Lost\""));
    }

    [Fact]
    public void Status_compared_headers_missing_fields_and_array_lengths_are_each_a_difference()
    {
        var expected = new Answer(200, new Dictionary<string, string> { ["Location"] = "/a" }, Encoding.UTF8.GetBytes("""{"items":[1,2],"name":"x"}"""), "application/json");
        var actual = new Answer(201, new Dictionary<string, string> { ["Location"] = "/b" }, Encoding.UTF8.GetBytes("""{"items":[1]}"""), "application/json; charset=utf-8");

        var differences = AnswerComparison.Compare(expected, actual, Ignored);

        differences.Select(d => d.Where).Should().BeEquivalentTo(["status", "header:Location", "/items (length)", "/name"]);
    }

    [Fact]
    public void Bodies_that_are_not_JSON_are_compared_byte_for_byte()
    {
        var text = new Answer(200, new Dictionary<string, string>(), Encoding.UTF8.GetBytes("hello"), "text/plain");

        AnswerComparison.Compare(text, text with { Body = Encoding.UTF8.GetBytes("hello") }, Ignored).Should().BeEmpty();
        AnswerComparison.Compare(text, text with { Body = Encoding.UTF8.GetBytes("hellO") }, Ignored).Should().ContainSingle().Which.Where.Should().Be("body");
    }

    private static Answer Json(string body) => new(200, new Dictionary<string, string>(), Encoding.UTF8.GetBytes(body), "application/json");

    private static IReadOnlyList<Difference> Compare(Answer expected, Answer actual) => AnswerComparison.Compare(expected, actual, Ignored);
}
