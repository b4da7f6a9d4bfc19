namespace Users.Domain;

/// <summary>What the API shows of an account.</summary>
internal sealed record UserProfile(string Id, string DisplayName, DateTimeOffset CreatedAt)
{
    public static UserProfile From(User user) => new(user.Id, user.DisplayName, user.CreatedAt);
}
