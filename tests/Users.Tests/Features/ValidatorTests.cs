using System.Text.RegularExpressions;
using FluentValidation.TestHelper;
using Users.Contracts;
using Users.Features.GetUserSummaries;
using Users.Features.ListUsers;
using Users.Features.LogIn;
using Users.Features.SignUp;

namespace Users.Tests.Features;

public sealed class SignUpValidatorTests
{
    private readonly SignUpValidator validator = new();

    [Fact]
    public void A_good_sign_up_is_valid()
    {
        validator.TestValidate(new SignUpCommand("alice_1", "correct horse", "Alice")).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("caf\u00E9")]
    [InlineData(null)]
    public void A_bad_id_fails_on_Id_only(string? id)
    {
        var result = validator.TestValidate(new SignUpCommand(id!, "correct horse", "Alice"));

        result.ShouldHaveValidationErrorFor(c => c.Id).WithErrorMessage("Use 3 to 20 characters: letters A-Z, digits or underscores.");
        result.Errors.Should().OnlyContain(e => e.PropertyName == nameof(SignUpCommand.Id));
    }

    [Fact]
    public void A_short_password_fails_on_Password()
    {
        var result = validator.TestValidate(new SignUpCommand("alice_1", "short", "Alice"));

        result.ShouldHaveValidationErrorFor(c => c.Password).WithErrorMessage("Use at least 8 characters.");
        result.Errors.Should().ContainSingle();
    }

    [Fact]
    public void A_password_equal_to_the_id_fails_on_Password()
    {
        var result = validator.TestValidate(new SignUpCommand("alice_long", "ALICE_LONG", "Alice"));

        result.ShouldHaveValidationErrorFor(c => c.Password).WithErrorMessage("The password must not be the same as the id.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\there")]
    [InlineData(@"\uD800")]
    [InlineData(null)]
    public void A_bad_display_name_fails_on_DisplayName(string? escaped)
    {
        // Lone surrogates do not survive test-case serialisation, so the data is escaped and unescaped here.
        var name = escaped is null ? null : Regex.Unescape(escaped);

        var result = validator.TestValidate(new SignUpCommand("alice_1", "correct horse", name!));

        result.ShouldHaveValidationErrorFor(c => c.DisplayName);
        result.Errors.Should().ContainSingle();
    }

    [Fact]
    public void Missing_password_and_display_name_ask_for_them()
    {
        var result = validator.TestValidate(new SignUpCommand("abc_1", null!, null!));

        result.ShouldHaveValidationErrorFor(c => c.Password).WithErrorMessage("Enter a password.");
        result.ShouldHaveValidationErrorFor(c => c.DisplayName).WithErrorMessage("Enter a display name.");
        result.Errors.Should().HaveCount(2);
    }

    [Fact]
    public void A_display_name_of_one_letter_and_300_combining_accents_fails_on_DisplayName()
    {
        var result = validator.TestValidate(new SignUpCommand("alice_1", "correct horse", "a" + new string('\u0301', 300)));

        result.ShouldHaveValidationErrorFor(c => c.DisplayName);
        result.Errors.Should().ContainSingle();
    }

    [Fact]
    public void A_password_over_512_UTF16_units_fails_on_Password_even_when_it_is_few_characters()
    {
        var password = string.Concat(Enumerable.Repeat("p" + new string('\u0301', 64), 8));

        var result = validator.TestValidate(new SignUpCommand("alice_1", password, "Alice"));

        result.ShouldHaveValidationErrorFor(c => c.Password);
        result.Errors.Should().ContainSingle();
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var result = validator.TestValidate(new SignUpCommand("x", "short", ""));

        result.Errors.Select(e => e.PropertyName).Should().BeEquivalentTo(
            nameof(SignUpCommand.Id), nameof(SignUpCommand.Password), nameof(SignUpCommand.DisplayName));
    }

    [Fact]
    public void A_missing_body_reports_every_field_without_throwing()
    {
        var result = validator.TestValidate(new SignUpCommand(null!, null!, null!));

        result.Errors.Select(e => e.PropertyName).Should().BeEquivalentTo(
            nameof(SignUpCommand.Id), nameof(SignUpCommand.Password), nameof(SignUpCommand.DisplayName));
    }
}

public sealed class LogInValidatorTests
{
    private readonly LogInValidator validator = new();

    [Fact]
    public void An_id_and_a_password_are_enough()
    {
        validator.TestValidate(new LogInCommand("anyone", "x")).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Log_in_does_not_judge_the_id_format_so_bad_ids_get_the_same_401_as_unknown_ones()
    {
        validator.TestValidate(new LogInCommand("not a valid id!", "whatever")).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_missing_id_is_reported(string? id)
    {
        validator.TestValidate(new LogInCommand(id!, "password")).ShouldHaveValidationErrorFor(c => c.Id).WithErrorMessage("Enter your id.");
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void A_missing_password_is_reported(string? password)
    {
        validator.TestValidate(new LogInCommand("someone", password!))
            .ShouldHaveValidationErrorFor(c => c.Password).WithErrorMessage("Enter your password.");
    }

    [Fact]
    public void An_id_of_64_characters_is_judged_by_the_log_in_itself_and_65_is_reported()
    {
        validator.TestValidate(new LogInCommand(new string('i', 64), "password")).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new LogInCommand(new string('i', 65), "password"))
            .ShouldHaveValidationErrorFor(c => c.Id).Only();
    }

    [Fact]
    public void A_password_of_512_UTF16_units_is_judged_by_the_log_in_itself_and_513_is_reported()
    {
        validator.TestValidate(new LogInCommand("someone", new string('p', 512))).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new LogInCommand("someone", new string('p', 513)))
            .ShouldHaveValidationErrorFor(c => c.Password).Only();
    }

    [Fact]
    public void The_password_cap_counts_UTF16_units_not_characters()
    {
        var password = string.Concat(Enumerable.Repeat("\U0001F44D\U0001F3FD", 129));

        validator.TestValidate(new LogInCommand("someone", password)).ShouldHaveValidationErrorFor(c => c.Password);
    }
}

public sealed class ListUsersValidatorTests
{
    private readonly ListUsersValidator validator = new();

    [Theory]
    [InlineData(1, null)]
    [InlineData(1, 1)]
    [InlineData(7, 5)]
    [InlineData(int.MaxValue, 1000)]
    public void Pages_from_1_and_sizes_from_1_are_valid(int page, int? pageSize)
    {
        validator.TestValidate(new ListUsersQuery(page, pageSize)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void A_page_below_1_is_reported(int page)
    {
        validator.TestValidate(new ListUsersQuery(page, null))
            .ShouldHaveValidationErrorFor(q => q.Page).WithErrorMessage("Pages are numbered from 1.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    public void A_page_size_below_1_is_reported(int pageSize)
    {
        validator.TestValidate(new ListUsersQuery(1, pageSize))
            .ShouldHaveValidationErrorFor(q => q.PageSize).WithErrorMessage("The page size must be at least 1.");
    }
}

public sealed class GetUserSummariesValidatorTests
{
    private readonly GetUserSummariesValidator validator = new();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(GetUserSummaries.MaxIds)]
    public void Up_to_500_ids_are_valid(int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"user_{i}").ToList();

        validator.TestValidate(new GetUserSummaries(ids)).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void More_than_500_ids_are_reported()
    {
        var ids = Enumerable.Range(0, GetUserSummaries.MaxIds + 1).Select(i => $"user_{i}").ToList();

        validator.TestValidate(new GetUserSummaries(ids))
            .ShouldHaveValidationErrorFor(q => q.UserIds).WithErrorMessage("Ask for at most 500 ids at a time.");
    }

    [Fact]
    public void A_missing_list_is_reported_once_without_throwing()
    {
        var result = validator.TestValidate(new GetUserSummaries(null!));

        result.ShouldHaveValidationErrorFor(q => q.UserIds);
        result.Errors.Should().ContainSingle();
    }
}
