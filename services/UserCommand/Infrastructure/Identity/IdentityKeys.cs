using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Platform.UserCommand.Infrastructure.Identity;

/// <summary>
/// The server's keys, derived from one secret (an Aspire secret parameter, generated and kept like the others), so
/// every instance and every restart signs with the same key and no key file has to be shipped: an ECDSA P-256 signing
/// key (ES256, published in the JWKS) whose private scalar is HKDF(secret), and a 256-bit key that encrypts what only
/// the server reads (authorization codes, refresh tokens). Rotating the secret rotates both (ADR 0036).
/// </summary>
public static class IdentityKeys
{
    private const int MinimumSecretLength = 32;

    public static ECDsaSecurityKey Signing(string secret)
    {
        // Below the curve's order n with overwhelming likelihood; the counter moves on in the rare case it is not.
        for (var round = 0; ; round++)
        {
            var scalar = Derive(secret, $"platform-identity-signing:{round}");
            try
            {
                var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = scalar });
                var id = Convert.ToHexStringLower(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo()).AsSpan(0, 8));
                return new ECDsaSecurityKey(ecdsa) { KeyId = id };
            }
            catch (CryptographicException) when (round < 8)
            {
            }
        }
    }

    public static SymmetricSecurityKey Encryption(string secret) => new(Derive(secret, "platform-identity-encryption"));

    private static byte[] Derive(string secret, string purpose)
    {
        if (secret.Length < MinimumSecretLength)
            throw new InvalidOperationException(
                $"Identity:SigningKey is not set (at least {MinimumSecretLength} characters): the AppHost passes its secret parameter identity-signing-key.");
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, info: Encoding.UTF8.GetBytes(purpose));
    }
}
