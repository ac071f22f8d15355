using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Nodes.Lnd;

/// <summary>
/// TLS trust for one node: exactly the certificate(s) in the node's <c>tls.cert</c> file, nothing
/// from the system store, never "accept any". The presented certificate is accepted when it is
/// byte-for-byte a certificate of the file (LND's self-signed case) or chains up to one of them
/// (a CA the operator pinned), and is within its validity period at the injected clock's time.
/// A host-name mismatch is accepted for a pinned certificate (the pin is the identity: LND's
/// certificate names localhost and its own addresses, not the tunnel or VPN name operators use);
/// it is logged once per node. The file is re-read when it changes, so a rotated certificate is
/// picked up by the next connection.
/// </summary>
internal sealed class PinnedCertificateValidator(string nodeId, Uri restUrl, string certPath, TimeProvider timeProvider, ILogger logger)
{
    private readonly Lock _lock = new();
    private PinnedFile? _pinned;
    private string? _lastRejection;
    private int _nameMismatchLogged;

    /// <summary>Why the last handshake was refused (for the error message), or null.</summary>
    public string? LastRejection => Volatile.Read(ref _lastRejection);

    /// <summary>The callback for <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var reason = Check(certificate, errors);
        if (reason is null)
        {
            Volatile.Write(ref _lastRejection, null);
            return true;
        }

        Volatile.Write(ref _lastRejection, reason);
        LndLog.CertificateRejected(logger, nodeId, reason);
        return false;
    }

    private string? Check(X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null)
        {
            return "the server presented no certificate";
        }

        X509Certificate2Collection pinned;
        try
        {
            pinned = LoadPinned();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return $"cannot read the pinned certificate file '{certPath}': {e.Message}";
        }

        if (pinned.Count == 0)
        {
            return $"the pinned certificate file '{certPath}' holds no certificate";
        }

        using var owned = presented as X509Certificate2 is null ? X509CertificateLoader.LoadCertificate(presented.GetRawCertData()) : null;
        var leaf = owned ?? (X509Certificate2)presented;
        var now = timeProvider.GetUtcNow();
        if (now < leaf.NotBefore.ToUniversalTime())
        {
            return $"the node's certificate is not valid before {leaf.NotBefore.ToUniversalTime():u}";
        }

        if (now > leaf.NotAfter.ToUniversalTime())
        {
            return $"the node's certificate expired at {leaf.NotAfter.ToUniversalTime():u}; regenerate it on the node (delete tls.cert and tls.key, restart lnd) and copy the new tls.cert to '{certPath}'";
        }

        var exact = false;
        foreach (var candidate in pinned)
        {
            if (candidate.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span))
            {
                exact = true;
                break;
            }
        }

        if (!exact && !ChainsToPinned(leaf, pinned, now))
        {
            return $"the node presented a certificate (SHA-256 {leaf.GetCertHashString(HashAlgorithmName.SHA256)}) that is not the one pinned in '{certPath}' and is not signed by it";
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0 && Interlocked.Exchange(ref _nameMismatchLogged, 1) == 0)
        {
            LndLog.CertificateNameMismatchAccepted(logger, nodeId, restUrl.GetLeftPart(UriPartial.Authority), certPath);
        }

        return null;
    }

    private static bool ChainsToPinned(X509Certificate2 leaf, X509Certificate2Collection pinned, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(pinned);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        return chain.Build(leaf);
    }

    private X509Certificate2Collection LoadPinned()
    {
        var info = new FileInfo(certPath);
        if (!info.Exists)
        {
            throw new FileNotFoundException("the file does not exist", certPath);
        }

        lock (_lock)
        {
            if (_pinned is { } cached && cached.WriteTime == info.LastWriteTimeUtc && cached.Length == info.Length)
            {
                return cached.Certificates;
            }

            var bytes = File.ReadAllBytes(certPath);
            var certificates = new X509Certificate2Collection();
            var text = System.Text.Encoding.ASCII.GetString(bytes);
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                certificates.ImportFromPem(text);
            }
            else
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(bytes));
            }

            _pinned = new PinnedFile(info.LastWriteTimeUtc, info.Length, certificates);
            return certificates;
        }
    }

    private sealed record PinnedFile(DateTime WriteTime, long Length, X509Certificate2Collection Certificates);
}
