namespace Host.IntegrationTests.Users;

/// <summary>A Host holding exactly twelve accounts, registered in reverse alphabetical order.</summary>
public sealed class TwelveUsersHost : HostFactory, IAsyncLifetime
{
    public IReadOnlyList<string> Ids { get; } = [.. Enumerable.Range(0, 12).Select(i => $"{(char)('z' - i)}_listed_{i:00}")];

    public async Task InitializeAsync()
    {
        var client = CreateApiClient();
        foreach (var id in Ids)
        {
            await client.SignUpNew(id);
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

public sealed class UserListTests(TwelveUsersHost host) : IClassFixture<TwelveUsersHost>
{
    private readonly HttpClient client = host.CreateApiClient();

    [Fact]
    public async Task The_first_page_holds_the_first_five_accounts_in_registration_order()
    {
        var page = await Page("/api/users");

        Ids(page).Should().Equal(host.Ids.Take(5));
        page.GetProperty("page").GetInt32().Should().Be(1);
        page.GetProperty("pageSize").GetInt32().Should().Be(5);
        page.GetProperty("totalCount").GetInt32().Should().Be(12);
        page.GetProperty("totalPages").GetInt32().Should().Be(3);
    }

    [Theory]
    [InlineData(1, 0, 5)]
    [InlineData(2, 5, 5)]
    [InlineData(3, 10, 2)]
    public async Task Each_page_holds_the_next_accounts_in_registration_order(int number, int skip, int count)
    {
        var page = await Page($"/api/users?page={number}");

        Ids(page).Should().Equal(host.Ids.Skip(skip).Take(count));
        page.GetProperty("page").GetInt32().Should().Be(number);
        page.GetProperty("totalCount").GetInt32().Should().Be(12);
    }

    [Fact]
    public async Task Walking_every_page_lists_every_account_once_in_registration_order_not_by_id()
    {
        var all = new List<string>();
        for (var number = 1; number <= 3; number++)
        {
            all.AddRange(Ids(await Page($"/api/users?page={number}")));
        }

        all.Should().Equal(host.Ids);
        all.Should().NotBeInAscendingOrder(StringComparer.Ordinal);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public async Task A_page_beyond_the_end_is_empty(int number)
    {
        var page = await Page($"/api/users?page={number}");

        page.GetProperty("items").GetArrayLength().Should().Be(0);
        page.GetProperty("totalCount").GetInt32().Should().Be(12);
        page.GetProperty("totalPages").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task A_smaller_page_size_can_be_asked_for()
    {
        var page = await Page("/api/users?page=2&pageSize=2");

        Ids(page).Should().Equal(host.Ids.Skip(2).Take(2));
        page.GetProperty("pageSize").GetInt32().Should().Be(2);
        page.GetProperty("totalPages").GetInt32().Should().Be(6);
    }

    [Theory]
    [InlineData(51)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public async Task A_page_size_over_50_is_capped_at_50(int asked)
    {
        var page = await Page($"/api/users?pageSize={asked}");

        page.GetProperty("pageSize").GetInt32().Should().Be(50);
        Ids(page).Should().Equal(host.Ids);
        page.GetProperty("totalPages").GetInt32().Should().Be(1);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=-2147483648", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=-5", "pageSize")]
    public async Task A_page_or_page_size_below_1_returns_400_naming_it(string query, string field)
    {
        using var response = await client.GetAsync($"/api/users?{query}");

        await response.ShouldBeValidationProblem(field);
    }

    [Theory]
    [InlineData("page=abc")]
    [InlineData("page=1.5")]
    [InlineData("page=99999999999")]
    [InlineData("page=%F0%9F%98%80")]
    [InlineData("page=1e3")]
    [InlineData("pageSize=ten")]
    [InlineData("page=0x10")]
    public async Task A_page_or_page_size_that_is_not_a_whole_number_returns_400(string query)
    {
        using var response = await client.GetAsync($"/api/users?{query}");

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.MalformedRequest);
    }

    [Fact]
    public async Task Listed_profiles_carry_id_display_name_and_creation_time_only()
    {
        var page = await Page("/api/users");

        var first = page.GetProperty("items")[0];
        first.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("id", "displayName", "createdAt");
        first.GetProperty("displayName").GetString().Should().Be(Api.DefaultDisplayName);
    }

    private async Task<JsonElement> Page(string path)
    {
        using var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    private static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!)];
}
