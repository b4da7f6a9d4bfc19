using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class UserListTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_people_list_pages_through_everyone_in_order_of_joining()
    {
        var anonymous = Fixture.Host.CreateApiClient();
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await anonymous.SignUpNew(Api.NewId("person")));
        }

        var list = await anonymous.GetFromJsonAsync<JsonElement>("/api/users");
        var pages = list.GetProperty("totalPages").GetInt32();
        pages.Should().BeGreaterThan(1, "six new people fill more than one page of five");

        await OpenAsync("/users");
        await Expect(Page.GetByText($"Page 1 of {pages}")).ToBeVisibleAsync();
        await Expect(Page.Locator(".person")).ToHaveCountAsync(5);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Expect(Page.GetByText($"Page 2 of {pages}")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Page 2, current" })).ToHaveAttributeAsync("aria-current", "page");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
        await Expect(Page.GetByText($"Page 1 of {pages}")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = $"Page {pages}", Exact = true }).ClickAsync();
        await Expect(Page.GetByText($"Page {pages} of {pages}")).ToBeVisibleAsync();
        await Expect(Page.Locator(".person").Last).ToContainTextAsync($"@{ids[^1]}");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(Page, "people");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Test User" }).Last.ClickAsync();
        await Expect(Page.GetByText($"@{ids[^1]}", new() { Exact = true })).ToBeVisibleAsync();
    }
}
