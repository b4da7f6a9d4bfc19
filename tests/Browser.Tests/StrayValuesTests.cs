namespace Browser.Tests;

/// <summary>
/// The check every page gets (<see cref="StrayValues"/>) can fail, and only on whole words a person sees. The page is
/// served by the browser itself, so these tests add nothing to the shared Host's request log, which the operations
/// page tests read.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StrayValuesTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Origin = "http://stray-values.test";

    public static TheoryData<string> Shown { get; } = ["undefined", "null", "NaN", "false", "[object Object]"];

    [Theory]
    [MemberData(nameof(Shown))]
    public async Task A_stray_value_shown_on_a_page_fails_the_check(string shown)
    {
        await OpenSampleAsync();

        await Page.EvaluateAsync("text => document.querySelector('main h1').after(text, ' ')", shown);

        var check = () => StrayValues.ShouldHaveNoneAsync(Page);
        (await check.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain(shown).And.Contain("#/sample");
    }

    [Fact]
    public async Task Words_that_merely_contain_one_hidden_elements_and_typed_values_pass()
    {
        await OpenSampleAsync();

        await Page.EvaluateAsync("""
            () => {
                const main = document.querySelector('main');
                main.append('nullable, NaNs, undefined_id, falsehood');
                const hidden = document.createElement('p');
                hidden.hidden = true;
                hidden.textContent = 'undefined';
                main.append(hidden);
            }
            """);
        await Page.GetByLabel("Name").FillAsync("null");

        await StrayValues.ShouldHaveNoneAsync(Page);
    }

    private async Task OpenSampleAsync()
    {
        await Page.RouteAsync(Origin + "/**", route => route.FulfillAsync(new()
        {
            ContentType = "text/html",
            Body = "<!doctype html><title>Sample</title><main><h1>Sample</h1><label for=name>Name</label> <input id=name></main>",
        }));
        await Ui.OpenAsync(Page, new Uri(Origin), "/sample");
    }
}
