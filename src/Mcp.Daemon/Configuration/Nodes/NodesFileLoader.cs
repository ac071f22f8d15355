using System.Globalization;
using System.Text.RegularExpressions;
using Mcp.Engine.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mcp.Daemon.Configuration.Nodes;

/// <summary>
/// Reads <c>nodes.yaml</c> strictly: unknown keys, wrong types, missing or malformed values,
/// duplicate ids and referenced files that do not exist are all errors, each reported as
/// <c>FILE:LINE:COLUMN: message</c> and all collected in one pass. Relative paths inside the file
/// are taken from the file's directory. Schema: see the README ("Nodes file").
/// </summary>
internal sealed partial class NodesFileLoader(Func<string, bool>? fileExists = null)
{
    private static readonly string[] NodeKeys = ["id", "user_id", "tenant_id", "pubkey", "lnd", "simulation_seed", "dry_run", "profile", "daily_report", "overrides"];
    private static readonly string[] LndKeys = ["rest_url", "macaroon_path", "tls_cert_path"];
    private static readonly string[] OverrideKeys = ["min_fee_rate_ppm", "max_fee_rate_ppm", "min_base_fee_msat", "max_base_fee_msat", "pinned"];

    private readonly Func<string, bool> _fileExists = fileExists ?? File.Exists;

    public NodesFileResult Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Fail($"MCP_NODES_FILE={path}: file not found (create it, see config/nodes.example.yaml, or point MCP_NODES_FILE elsewhere)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"MCP_NODES_FILE={path}: cannot read: {e.Message}");
        }

        return Parse(text, path);
    }

    public NodesFileResult Parse(string yaml, string path)
    {
        var context = new ParseContext(path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/", _fileExists);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var message = e.Message.StartsWith("Duplicate key", StringComparison.Ordinal)
                ? $"duplicate key '{e.Message["Duplicate key".Length..].Trim()}'"
                : $"YAML syntax error: {FirstLine(e.InnerException?.Message ?? e.Message)}";
            return Fail($"{path}:{e.Start.Line}:{e.Start.Column}: {message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            return Fail($"{path}:1:1: the file is empty: expected 'nodes:' followed by a list of nodes");
        }

        if (stream.Documents.Count > 1)
        {
            context.Error(stream.Documents[1].RootNode, "only one YAML document is allowed");
        }

        var nodes = new List<NodeDefinition>();
        if (context.Mapping(stream.Documents[0].RootNode, "the top level") is { } root)
        {
            context.OnlyKeys(root, ["nodes"], "the top level");
            if (!Find(root, "nodes", out var nodesKey, out var nodesValue))
            {
                context.Error(root, "missing key 'nodes' (a list of nodes)");
            }
            else if (nodesValue is YamlSequenceNode sequence)
            {
                if (sequence.Children.Count == 0)
                {
                    context.Error(nodesKey!, "'nodes' is empty: declare at least one node");
                }

                var firstSeen = new Dictionary<string, Mark>(StringComparer.Ordinal);
                foreach (var item in sequence.Children)
                {
                    if (ReadNode(item, context) is { } node)
                    {
                        if (firstSeen.TryGetValue(node.Id, out var first))
                        {
                            var idNode = Value((YamlMappingNode)item, "id")!;
                            context.Error(idNode, $"duplicate node id '{node.Id}' (first declared at line {first.Line})");
                        }
                        else
                        {
                            firstSeen[node.Id] = item.Start;
                            nodes.Add(node);
                        }
                    }
                }
            }
            else
            {
                context.Error(nodesValue!, $"'nodes' must be a list of nodes (each item starting with '- id: ...'), got {Describe(nodesValue!)}");
            }
        }

        return new NodesFileResult(context.Problems.Count == 0 ? nodes : [], context.Problems);
    }

    private static NodeDefinition? ReadNode(YamlNode item, ParseContext context)
    {
        if (context.Mapping(item, "a node") is not { } map)
        {
            return null;
        }

        var before = context.Problems.Count;
        var id = context.RequiredString(map, "id", IdRegex(), "lowercase letters, digits, '.', '_' or '-', starting with a letter or digit (at most 63)");
        var where = id is null ? "node" : $"node '{id}'";
        context.OnlyKeys(map, NodeKeys, where);
        var userId = context.RequiredString(map, "user_id", SafeIdRegex(), "letters, digits, '.', '_' or '-', starting with a letter or digit (at most 128)", where);
        var tenantId = context.OptionalString(map, "tenant_id", SafeIdRegex(), "letters, digits, '.', '_' or '-', starting with a letter or digit (at most 128)", where);
        var pubkey = context.OptionalString(map, "pubkey", PubkeyRegex(), "66 hexadecimal characters starting with 02 or 03 (a compressed public key)", where)?.ToLowerInvariant();
        var profile = context.OptionalString(map, "profile", ProfileRegex(), "a profile name of the thresholds file (letters, digits, '_' or '-')", where);
        var dryRun = context.OptionalBool(map, "dry_run", where);
        var dailyReport = context.OptionalBool(map, "daily_report", where) ?? true;
        var seed = context.OptionalInt(map, "simulation_seed", 0, int.MaxValue, where);

        LndEndpoint? lnd = null;
        var hasLnd = Find(map, "lnd", out var lndKey, out var lndValue);
        if (hasLnd && seed is not null)
        {
            context.Error(lndKey!, $"{where}: 'lnd' and 'simulation_seed' cannot both be set (a node is real or simulated)");
        }
        else if (hasLnd)
        {
            lnd = ReadLnd(lndValue!, context, where);
        }
        else if (seed is null && !HasKey(map, "simulation_seed"))
        {
            context.Error(map, $"{where}: missing key 'lnd' (rest_url, macaroon_path, tls_cert_path)");
        }

        var overrides = Find(map, "overrides", out _, out var overridesValue)
            ? ReadOverrides(overridesValue!, context, where)
            : new Dictionary<string, ChannelOverride>(StringComparer.Ordinal);

        if (context.Problems.Count != before || id is null || userId is null)
        {
            return null;
        }

        return new NodeDefinition
        {
            Id = id,
            UserId = userId,
            TenantId = tenantId,
            Pubkey = pubkey,
            Lnd = lnd,
            SimulationSeed = seed,
            DryRun = dryRun,
            Profile = profile,
            DailyReport = dailyReport,
            Overrides = overrides,
        };
    }

    private static LndEndpoint? ReadLnd(YamlNode node, ParseContext context, string where)
    {
        if (context.Mapping(node, $"{where}: 'lnd'") is not { } map)
        {
            return null;
        }

        where += ": lnd";
        context.OnlyKeys(map, LndKeys, where);
        Uri? url = null;
        if (context.RequiredString(map, "rest_url", null, null, where) is { } text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(url.Host)
                || url.AbsolutePath != "/" || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.UserInfo))
            {
                context.Error(Value(map, "rest_url")!, $"{where}: rest_url \"{text}\" is not valid: expected https://HOST:PORT (LND's REST listener, no path)");
                url = null;
            }
        }

        var macaroon = context.ExistingFile(map, "macaroon_path", where);
        var cert = context.ExistingFile(map, "tls_cert_path", where);
        return url is null || macaroon is null || cert is null ? null : new LndEndpoint(url, macaroon, cert);
    }

    private static Dictionary<string, ChannelOverride> ReadOverrides(YamlNode node, ParseContext context, string where)
    {
        var result = new Dictionary<string, ChannelOverride>(StringComparer.Ordinal);
        if (context.Mapping(node, $"{where}: 'overrides'") is not { } map)
        {
            return result;
        }

        foreach (var (keyNode, valueNode) in map.Children)
        {
            var scid = keyNode is YamlScalarNode { Value: { } keyText } ? keyText : "";
            if (!ScidRegex().IsMatch(scid))
            {
                context.Error(keyNode, $"{where}: override key \"{scid}\" is not a short channel id: expected BLOCKxTXxOUTPUT, e.g. \"812345x1234x0\"");
                continue;
            }

            var label = $"{where}: overrides.{scid}";
            if (context.Mapping(valueNode, label) is not { } entry)
            {
                continue;
            }

            context.OnlyKeys(entry, OverrideKeys, label);
            var minFee = context.OptionalLong(entry, "min_fee_rate_ppm", 0, 1_000_000, label);
            var maxFee = context.OptionalLong(entry, "max_fee_rate_ppm", 0, 1_000_000, label);
            var minBase = context.OptionalLong(entry, "min_base_fee_msat", 0, 100_000_000, label);
            var maxBase = context.OptionalLong(entry, "max_base_fee_msat", 0, 100_000_000, label);
            var pinned = context.OptionalBool(entry, "pinned", label) ?? false;
            if (minFee > maxFee)
            {
                context.Error(Value(entry, "min_fee_rate_ppm")!, $"{label}: min_fee_rate_ppm ({minFee}) is above max_fee_rate_ppm ({maxFee})");
            }

            if (minBase > maxBase)
            {
                context.Error(Value(entry, "min_base_fee_msat")!, $"{label}: min_base_fee_msat ({minBase}) is above max_base_fee_msat ({maxBase})");
            }

            result[scid] = new ChannelOverride { MinFeeRatePpm = minFee, MaxFeeRatePpm = maxFee, MinBaseFeeMsat = minBase, MaxBaseFeeMsat = maxBase, Pinned = pinned };
        }

        return result;
    }

    private static bool HasKey(YamlMappingNode map, string key) => Find(map, key, out _, out _);

    private static YamlNode? Value(YamlMappingNode map, string key) => Find(map, key, out _, out var value) ? value : null;

    private static bool Find(YamlMappingNode map, string key, out YamlNode? keyNode, out YamlNode? value)
    {
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && name == key)
            {
                keyNode = k;
                value = v;
                return true;
            }
        }

        keyNode = null;
        value = null;
        return false;
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" or "~" or "null", Style: ScalarStyle.Plain } => "nothing (null)",
        YamlScalarNode s => $"\"{s.Value}\"",
        _ => "something else",
    };

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static NodesFileResult Fail(string message) => new([], [new ConfigurationProblem(message)]);

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]{0,62}$")]
    private static partial Regex IdRegex();

    [GeneratedRegex("^(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex SafeIdRegex();

    [GeneratedRegex("^0[23][0-9a-fA-F]{64}$")]
    private static partial Regex PubkeyRegex();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ProfileRegex();

    [GeneratedRegex("^[0-9]{1,8}x[0-9]{1,6}x[0-9]{1,5}$")]
    private static partial Regex ScidRegex();

    /// <summary>Problems of one parse, with positions, and the typed readers of scalar values.</summary>
    private sealed class ParseContext(string path, string baseDirectory, Func<string, bool> fileExists)
    {
        public List<ConfigurationProblem> Problems { get; } = [];

        public void Error(YamlNode node, string message) =>
            Problems.Add(new ConfigurationProblem($"{path}:{node.Start.Line}:{node.Start.Column}: {message}"));

        public YamlMappingNode? Mapping(YamlNode node, string what)
        {
            if (node is YamlMappingNode map)
            {
                return map;
            }

            Error(node, $"{what} must be a mapping of keys to values, got {Describe(node)}");
            return null;
        }

        public void OnlyKeys(YamlMappingNode map, string[] allowed, string where)
        {
            foreach (var key in map.Children.Keys)
            {
                if (key is not YamlScalarNode { Value: { } name })
                {
                    Error(key, $"{where}: keys must be plain names");
                }
                else if (!allowed.Contains(name, StringComparer.Ordinal))
                {
                    Error(key, $"{where}: unknown key '{name}'; accepted keys: {string.Join(", ", allowed)}");
                }
            }
        }

        public string? RequiredString(YamlMappingNode map, string key, Regex? pattern, string? form, string where = "node")
        {
            if (!Find(map, key, out _, out var value))
            {
                Error(map, $"{where}: missing key '{key}'");
                return null;
            }

            var text = Scalar(value!, key, where, "a string");
            if (text is null)
            {
                return null;
            }

            if (text.Length == 0)
            {
                Error(value!, $"{where}: '{key}' must not be empty");
                return null;
            }

            if (pattern is not null && !pattern.IsMatch(text))
            {
                Error(value!, $"{where}: {key} \"{text}\" is not valid: expected {form}");
                return null;
            }

            return text;
        }

        public string? OptionalString(YamlMappingNode map, string key, Regex pattern, string form, string where)
        {
            if (!Find(map, key, out _, out var value) || IsNull(value!))
            {
                return null;
            }

            var text = Scalar(value!, key, where, "a string");
            if (text is not null && !pattern.IsMatch(text))
            {
                Error(value!, $"{where}: {key} \"{text}\" is not valid: expected {form}");
                return null;
            }

            return text;
        }

        public bool? OptionalBool(YamlMappingNode map, string key, string where)
        {
            if (!Find(map, key, out _, out var value) || IsNull(value!))
            {
                return null;
            }

            if (value is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } text } && SettingValueParser.TryParseBoolean(text, out var result) && !text.All(char.IsAsciiDigit))
            {
                return result;
            }

            Error(value!, $"{where}: {key} must be true or false, got {Describe(value!)}");
            return null;
        }

        public long? OptionalLong(YamlMappingNode map, string key, long min, long max, string where)
        {
            if (!Find(map, key, out _, out var value) || IsNull(value!))
            {
                return null;
            }

            if (value is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } text }
                && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result))
            {
                if (result >= min && result <= max)
                {
                    return result;
                }

                Error(value, $"{where}: {key} {result} is out of range: expected a whole number from {min} to {max}");
                return null;
            }

            Error(value!, $"{where}: {key} must be a whole number, got {Describe(value!)}");
            return null;
        }

        public int? OptionalInt(YamlMappingNode map, string key, int min, int max, string where) =>
            (int?)OptionalLong(map, key, min, max, where);

        public string? ExistingFile(YamlMappingNode map, string key, string where)
        {
            if (RequiredString(map, key, null, null, where) is not { } text)
            {
                return null;
            }

            var full = Path.GetFullPath(Path.IsPathRooted(text) ? text : Path.Combine(baseDirectory, text));
            if (!fileExists(full))
            {
                Error(Value(map, key)!, $"{where}: {key}: file \"{full}\" not found");
                return null;
            }

            return full;
        }

        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" };

        private string? Scalar(YamlNode node, string key, string where, string expected)
        {
            if (node is YamlScalarNode scalar && !IsNull(scalar))
            {
                return scalar.Value ?? "";
            }

            Error(node, $"{where}: {key} must be {expected}, got {Describe(node)}");
            return null;
        }
    }
}
