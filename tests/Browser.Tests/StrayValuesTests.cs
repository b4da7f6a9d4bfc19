using Browser.Tests.Infrastructure;

namespace Browser.Tests;

/// <summary>The check every page gets (<see cref="StrayValues"/>) can fail, and only on whole words a person sees.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StrayValuesTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Theory]
    [InlineData("undefined")]
    [InlineData("null")]
    [InlineData("NaN")]
    [InlineData("false")]
    [InlineData("[object Object]")]
    public async Task A_stray_value_shown_on_a_page_fails_the_check(string shown)
    {
        await OpenAsync("/signup");

        await Page.EvaluateAsync("text => document.querySelector('main h1').after(text)", shown);

        var check = () => StrayValues.ShouldHaveNoneAsync(Page);
        (await check.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain(shown).And.Contain("#/signup");
    }

    [Fact]
    public async Task Words_that_merely_contain_one_hidden_elements_and_typed_values_pass()
    {
        await OpenAsync("/signup");

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
        await Page.GetByLabel("Display name").FillAsync("null");

        await StrayValues.ShouldHaveNoneAsync(Page);
    }
}
