using System.Net;
using Mcp.Daemon.Http;

namespace Mcp.Daemon.Tests.Http;

public sealed class ListenAddressTests
{
    [TestCase("127.0.0.1:9810", "127.0.0.1", 9810)]
    [TestCase("0.0.0.0:80", "0.0.0.0", 80)]
    [TestCase("localhost:9810", "127.0.0.1", 9810)]
    [TestCase("[::1]:9810", "::1", 9810)]
    [TestCase("[::]:9810", "::", 9810)]
    [TestCase("127.0.0.1:0", "127.0.0.1", 0)]
    public void Parses_address_and_port(string text, string address, int port)
    {
        Assert.That(ListenAddress.TryParse(text, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(new ListenAddress(IPAddress.Parse(address), port)));
    }

    [TestCase("")]
    [TestCase("9810")]
    [TestCase("127.0.0.1")]
    [TestCase("127.0.0.1:")]
    [TestCase("127.0.0.1:65536")]
    [TestCase("127.0.0.1:-1")]
    [TestCase("::1:9810")]
    [TestCase("example.org:9810")]
    [TestCase("127.1:9810")]
    [TestCase("http://127.0.0.1:9810")]
    public void Rejects_anything_else(string text) => Assert.That(ListenAddress.TryParse(text, out _), Is.False);
}
