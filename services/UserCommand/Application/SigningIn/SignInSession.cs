namespace Platform.UserCommand.Application.SigningIn;

/// <summary>The browser's session with the identity server, between the sign-in page and the authorization endpoint (a cookie on /connect).</summary>
public static class SignInSession
{
    public const string Scheme = "platform-signin";
    public const string LoginPath = "/connect/login";
}
