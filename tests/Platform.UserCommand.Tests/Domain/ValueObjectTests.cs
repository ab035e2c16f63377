using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Tests.Domain;

public sealed class ValueObjectTests
{
    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("first.last+tag@sub.example.org")]
    [InlineData("  MiXeD@Example.com  ")]
    public void Valid_email_addresses_are_kept_trimmed_and_lower_case(string raw)
    {
        Assert.Equal(raw.Trim().ToLowerInvariant(), EmailAddress.Parse(raw).Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("no-at-sign")]
    [InlineData("@example.com")]
    [InlineData("ada@")]
    [InlineData("ada@example")]
    [InlineData("ada@.com")]
    [InlineData("ada@example.")]
    [InlineData("ada@exa..mple.com")]
    [InlineData("a@b@example.com")]
    [InlineData("ada lovelace@example.com")]
    [InlineData("ada\u0000@example.com")]
    [InlineData("ada\u007f@example.com")]
    public void Malformed_email_addresses_are_refused(string? raw)
    {
        var error = Assert.Throws<InvalidUserDataException>(() => EmailAddress.Parse(raw));
        Assert.Equal("email", error.Field);
    }

    [Fact]
    public void Email_addresses_longer_than_the_standard_allows_are_refused()
    {
        var tooLong = new string('a', EmailAddress.MaxLength) + "@example.com";
        Assert.Throws<InvalidUserDataException>(() => EmailAddress.Parse(tooLong));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("tab\there")]
    public void Missing_or_unprintable_names_are_refused(string? raw)
    {
        var error = Assert.Throws<InvalidUserDataException>(() => UserName.Parse(raw));
        Assert.Equal("name", error.Field);
    }

    [Fact]
    public void Names_are_bounded()
    {
        Assert.Equal(UserName.MaxLength, UserName.Parse(new string('n', UserName.MaxLength)).Value.Length);
        Assert.Throws<InvalidUserDataException>(() => UserName.Parse(new string('n', UserName.MaxLength + 1)));
    }
}
