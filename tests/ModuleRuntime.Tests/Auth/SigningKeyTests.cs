using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModuleKit.Auth;
using ModuleRuntime.Auth;

namespace ModuleRuntime.Tests.Auth;

public sealed class SigningKeyTests : IDisposable
{
    private readonly DataDirectory data = new(Path.Combine(Path.GetTempPath(), "modulekit-tests", Guid.NewGuid().ToString("N")));

    private string KeyFile => Path.Combine(data.Path, new TokenOptions().SigningKeyFile);

    public void Dispose() => Directory.Delete(data.Path, recursive: true);

    [Fact]
    public void The_first_load_generates_a_P256_key_file_in_the_data_directory()
    {
        File.Exists(KeyFile).Should().BeFalse();

        var key = SigningKey.Load(new TokenOptions(), data);

        File.Exists(KeyFile).Should().BeTrue();
        File.ReadAllText(KeyFile).Should().StartWith("-----BEGIN PRIVATE KEY-----");
        key.SecurityKey.ECDsa.KeySize.Should().Be(256);
        key.Credentials.Algorithm.Should().Be(SecurityAlgorithms.EcdsaSha256);
        key.SecurityKey.KeyId.Should().MatchRegex("^[0-9a-f]{16}$");
    }

    [Fact]
    public void The_generated_key_file_is_readable_only_by_its_owner()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        SigningKey.Load(new TokenOptions(), data);

        File.GetUnixFileMode(KeyFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task Later_loads_reuse_the_key_file()
    {
        var first = SigningKey.Load(new TokenOptions(), data);
        var written = File.ReadAllText(KeyFile);

        var second = SigningKey.Load(new TokenOptions(), data);

        second.SecurityKey.KeyId.Should().Be(first.SecurityKey.KeyId);
        File.ReadAllText(KeyFile).Should().Be(written);
        var token = Sign(first);
        (await Validate(token, second)).IsValid.Should().BeTrue("a token signed before a restart still validates after it");
    }

    [Fact]
    public async Task Separate_data_directories_get_different_keys()
    {
        using var other = new TemporaryDirectory();

        var one = SigningKey.Load(new TokenOptions(), data);
        var two = SigningKey.Load(new TokenOptions(), new DataDirectory(other.Path));

        two.SecurityKey.KeyId.Should().NotBe(one.SecurityKey.KeyId);
        (await Validate(Sign(one), two)).IsValid.Should().BeFalse();
    }

    [Fact]
    public void The_key_file_name_is_configurable_and_relative_to_the_data_directory()
    {
        SigningKey.Load(new TokenOptions { SigningKeyFile = "custom.pem" }, data);

        File.Exists(Path.Combine(data.Path, "custom.pem")).Should().BeTrue();
        File.Exists(KeyFile).Should().BeFalse();
    }

    [Fact]
    public void A_key_in_configuration_is_used_instead_of_a_file()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = ec.ExportPkcs8PrivateKeyPem();

        var key = SigningKey.Load(new TokenOptions { SigningKey = pem }, data);

        File.Exists(KeyFile).Should().BeFalse("no file is generated when configuration supplies the key");
        key.SecurityKey.ECDsa.ExportParameters(false).Q.X.Should().Equal(ec.ExportParameters(false).Q.X);
    }

    [Fact]
    public void An_existing_EC_key_file_is_loaded_as_it_is()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(KeyFile, ec.ExportECPrivateKeyPem());

        var key = SigningKey.Load(new TokenOptions(), data);

        key.SecurityKey.ECDsa.ExportParameters(false).Q.Y.Should().Equal(ec.ExportParameters(false).Q.Y);
    }

    public static TheoryData<string, string> NotAnEcPrivateKey()
    {
        using var rsa = RSA.Create(2048);
        return new TheoryData<string, string>
        {
            { "RSA PKCS#8", rsa.ExportPkcs8PrivateKeyPem() },
            { "RSA PKCS#1", rsa.ExportRSAPrivateKeyPem() },
            { "garbage", "this is not a key" },
            { "empty", string.Empty },
            { "broken base64", "-----BEGIN PRIVATE KEY-----\n!!!not base64!!!\n-----END PRIVATE KEY-----\n" },
            { "certificate request label", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n" },
        };
    }

    [Theory]
    [MemberData(nameof(NotAnEcPrivateKey))]
    public void A_key_file_that_is_not_an_EC_private_key_is_refused_with_a_message_naming_the_file(string kind, string pem)
    {
        File.WriteAllText(KeyFile, pem);

        var load = () => SigningKey.Load(new TokenOptions(), data);

        load.Should().Throw<InvalidOperationException>(kind)
            .WithMessage($"*{KeyFile}*")
            .WithMessage("*not a PEM-encoded EC private key*");
    }

    [Theory]
    [MemberData(nameof(NotAnEcPrivateKey))]
    public void A_configured_key_that_is_not_an_EC_private_key_is_refused_with_a_message_naming_the_setting(string kind, string pem)
    {
        var load = () => SigningKey.Load(new TokenOptions { SigningKey = string.IsNullOrEmpty(pem) ? "x" : pem }, data);

        load.Should().Throw<InvalidOperationException>(kind).WithMessage("*Auth:Jwt:SigningKey*");
    }

    [Fact]
    public void An_EC_key_on_another_curve_is_refused_because_ES256_needs_P256()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        File.WriteAllText(KeyFile, ec.ExportPkcs8PrivateKeyPem());

        var load = () => SigningKey.Load(new TokenOptions(), data);

        load.Should().Throw<InvalidOperationException>().WithMessage("*must be an EC P-256 key*");
    }

    [Fact]
    public void A_public_key_alone_is_refused_because_it_cannot_sign()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(KeyFile, ec.ExportSubjectPublicKeyInfoPem());

        var load = () => SigningKey.Load(new TokenOptions(), data);

        load.Should().Throw<InvalidOperationException>().WithMessage($"*{KeyFile}*");
    }

    private static string Sign(SigningKey key) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "test",
        Audience = "test",
        Expires = DateTime.UtcNow.AddMinutes(5),
        SigningCredentials = key.Credentials,
    });

    private static Task<TokenValidationResult> Validate(string token, SigningKey key) =>
        new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "test",
            ValidAudience = "test",
            IssuerSigningKey = key.SecurityKey,
        });

    private sealed class TemporaryDirectory : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "modulekit-tests", Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }
}
