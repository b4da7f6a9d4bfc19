namespace Extraction.Tests.Infrastructure;

/// <summary>The requests load loops send: a signed-in user's everyday use of one module's public routes.</summary>
internal static class Traffic
{
    /// <summary>Worker <paramref name="user"/>'s i-th request to the Tweets module: read timelines and numbers, and post.</summary>
    public static LoadStep Tweets(HttpClient client, string user, int i) => (i % 4) switch
    {
        0 => new LoadStep("GET /api/tweets", client, c => c.GetAsync(new Uri("/api/tweets?limit=5", UriKind.Relative)), 200),
        1 => new LoadStep("POST /api/tweets", client, c => c.PostAsJsonAsync("/api/tweets", new { text = $"{user} says {i.ToString(CultureInfo.InvariantCulture)}" }), 201),
        2 => new LoadStep("GET /api/tweets/users/{id}/stats", client, c => c.GetAsync(new Uri($"/api/tweets/users/{user}/stats", UriKind.Relative)), 200),
        _ => new LoadStep("GET /api/tweets/home", client, c => c.GetAsync(new Uri("/api/tweets/home?limit=5", UriKind.Relative)), 200),
    };

    /// <summary>As <see cref="Tweets(HttpClient, string, int)"/>, with the posts sent through <paramref name="posts"/>: keyed, and repeated with their key when they got no answer.</summary>
    public static LoadStep Tweets(HttpClient client, string user, int i, KeyedPosts posts) => (i % 4) switch
    {
        1 => new LoadStep("POST /api/tweets (keyed)", client, c => posts.Post(c, "/api/tweets", new { text = $"{user} says {i.ToString(CultureInfo.InvariantCulture)}" }), 201),
        _ => Tweets(client, user, i),
    };

    /// <summary>Worker <paramref name="user"/>'s i-th request to the Users module: profiles, renames, log-ins and new accounts.</summary>
    public static LoadStep Users(HttpClient client, string user, int i) => (i % 5) switch
    {
        0 => new LoadStep("GET /api/users/{id}", client, c => c.GetAsync(new Uri($"/api/users/{user}", UriKind.Relative)), 200),
        1 => new LoadStep("GET /api/users/me", client, c => c.GetAsync(new Uri("/api/users/me", UriKind.Relative)), 200),
        2 => new LoadStep("PATCH /api/users/me", client, c => c.PatchAsJsonAsync("/api/users/me", new { displayName = $"Name {i.ToString(CultureInfo.InvariantCulture)}" }), 200),
        3 => new LoadStep("POST /api/users/login", client, c => c.PostAsJsonAsync("/api/users/login", new { id = user, password = Deployment.Password }), 200),
        _ => new LoadStep("POST /api/users", client, c => c.PostAsJsonAsync("/api/users", new
        {
            id = $"{user}_{i.ToString(CultureInfo.InvariantCulture)}",
            password = Deployment.Password,
            displayName = "New",
        }), 201),
    };

    /// <summary>Fresh ids for load workers: short enough that a suffix still makes a valid id (at most 20 characters).</summary>
    public static string[] NewUsers(int count, string prefix) =>
        [.. Enumerable.Range(0, count).Select(i => $"{prefix}{Guid.NewGuid().ToString("N")[..6]}{i.ToString(CultureInfo.InvariantCulture)}")];
}
