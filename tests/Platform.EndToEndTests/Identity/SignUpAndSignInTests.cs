using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Identity;

/// <summary>
/// A person signs up and signs in through the gateway (issue 21): registration needs no password; the welcome mail,
/// read from the SMTP server's Maildir, carries a one-time activation link; the code and a password activate the
/// account; the password grant then issues a signed JWT of five minutes that validates against the JWKS served at the
/// issuer (the gateway), with a refresh token; the admin tooling's client gets its token by client credentials.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SignUpAndSignInTests(PlatformFixture platform)
{
    private const string Password = "correct horse battery";
    private readonly UsersApi users = new(platform.Gateway);
    private readonly Accounts accounts = new(platform);

    [Fact]
    public async Task A_user_registers_activates_through_the_mailed_link_and_signs_in_with_a_token_the_jwks_validates()
    {
        var email = UsersApi.UniqueEmail("signup");
        var userId = await users.RegisterNewAsync("Sign Up", email);
        Assert.Equal(HttpStatusCode.BadRequest, (await accounts.SignInAsync(email, Password)).Status); // not activated yet

        var link = await accounts.ActivationLinkAsync(email);
        Assert.Equal(platform.Gateway.BaseAddress!.GetLeftPart(UriPartial.Authority), link.GetLeftPart(UriPartial.Authority));
        Assert.Equal("/activate", link.AbsolutePath);
        using (var wrong = await accounts.ActivateAsync(new Uri(link.ToString()[..^4] + "0000"), Password))
            await ProblemAssert.IsProblemAsync(wrong, HttpStatusCode.UnprocessableEntity);
        using (var weak = await accounts.ActivateAsync(link, "short"))
            await ProblemAssert.IsProblemAsync(weak, HttpStatusCode.BadRequest);
        using (var activated = await accounts.ActivateAsync(link, Password))
            Assert.Equal(HttpStatusCode.NoContent, activated.StatusCode);
        using (var again = await accounts.ActivateAsync(link, Password))
            await ProblemAssert.IsProblemAsync(again, HttpStatusCode.UnprocessableEntity); // one-time

        Assert.Equal(HttpStatusCode.BadRequest, (await accounts.SignInAsync(email, "not the password")).Status);
        var (status, tokens) = await accounts.SignInAsync(email.ToUpperInvariant(), Password);
        Assert.True(status == HttpStatusCode.OK, tokens.ToString());
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        Assert.InRange(tokens.GetProperty("expires_in").GetInt32(), 295, 300); // five minutes, counted from when it was issued

        var token = await ValidateAsync(tokens.GetProperty("access_token").GetString()!);
        Assert.Equal(userId.ToString(), token.Subject);
        Assert.Equal(TimeSpan.FromMinutes(5), token.ValidTo - token.IssuedAt);

        using var refreshed = await platform.Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = Accounts.Client, ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!,
        }));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var renewed = await ValidateAsync((await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!);
        Assert.Equal(userId.ToString(), renewed.Subject);
    }

    [Fact]
    public async Task The_admin_client_gets_an_admin_token_by_client_credentials_and_a_wrong_secret_gets_none()
    {
        var token = await ValidateAsync(await ClientTokenAsync(platform.AdminClientSecret, HttpStatusCode.OK));
        Assert.Equal("platform-admin", token.Subject);
        Assert.Equal(["admin"], token.Claims.Where(claim => claim.Type == "role").Select(claim => claim.Value));

        await ClientTokenAsync("not-the-secret", HttpStatusCode.Unauthorized);
    }

    private async Task<string> ClientTokenAsync(string secret, HttpStatusCode expected)
    {
        using var response = await platform.Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "platform-admin", ["client_secret"] = secret, ["scope"] = "platform",
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return expected == HttpStatusCode.OK ? body.GetProperty("access_token").GetString()! : "";
    }

    /// <summary>Validates a token as a relying party does: the issuer's discovery document, its JWKS, the issuer, the audience, the lifetime.</summary>
    private async Task<JsonWebToken> ValidateAsync(string accessToken)
    {
        var issuer = platform.Gateway.BaseAddress!.GetLeftPart(UriPartial.Authority) + "/";
        var discovery = await platform.Gateway.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        Assert.Equal(issuer, discovery.GetProperty("issuer").GetString());
        var jwksUri = new Uri(discovery.GetProperty("jwks_uri").GetString()!);
        Assert.StartsWith(issuer, jwksUri.ToString()); // served through the gateway
        var keys = new JsonWebKeySet(await platform.Gateway.GetStringAsync(jwksUri.PathAndQuery));

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(accessToken, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = "platform",
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidAlgorithms = ["ES256"],
        });
        Assert.True(result.IsValid, $"the access token does not validate: {result.Exception}");
        return (JsonWebToken)result.SecurityToken;
    }
}
