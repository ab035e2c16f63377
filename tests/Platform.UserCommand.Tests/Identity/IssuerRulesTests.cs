using Platform.UserCommand.Infrastructure.Identity;

namespace Platform.UserCommand.Tests.Identity;

/// <summary>Plain HTTP for the issuer in a dev run or on the machine itself only; anywhere else the server refuses to start.</summary>
public sealed class IssuerRulesTests
{
    [Theory]
    [InlineData("https://platform.example.com/", false)]
    [InlineData("http://localhost:8080/", false)]
    [InlineData("http://127.0.0.1:8080/", false)]
    [InlineData("http://platform.example.com/", true)]
    public void An_issuer_is_https_or_local_outside_a_dev_run(string issuer, bool developmentOnly)
    {
        IssuerRules.Check(new Uri(issuer), developmentRun: true);
        if (developmentOnly)
            Assert.Contains("must be https", Assert.Throws<InvalidOperationException>(() => IssuerRules.Check(new Uri(issuer), developmentRun: false)).Message);
        else
            IssuerRules.Check(new Uri(issuer), developmentRun: false);
    }
}
