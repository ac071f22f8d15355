using Mcp.Engine.Thresholds;

namespace Mcp.Engine.Tests.Thresholds;

/// <summary>Invalid thresholds files: each is rejected with a message naming file, line, column and key.</summary>
public sealed class BadThresholdsTests
{
    private const string Weights = """
        weights:
          centrality: 0.20
          liquidity: 0.25
          activity: 0.20
          competitiveness: 0.15
          reliability: 0.10
          age: 0.05
          peer_quality: 0.03
          position: 0.02

        """;

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("empty file", "", "t.yaml:1:1: the file is empty; expected a mapping with the sections weights, thresholds, decision_rules, safety_limits, rate_limits, rebalance_rules, inbound_fees, blacklist_channels, profiles, active_profile");
        yield return Case("only comments", "# nothing here\n", "t.yaml:1:1: the file is empty; expected a mapping with the sections weights, thresholds, decision_rules, safety_limits, rate_limits, rebalance_rules, inbound_fees, blacklist_channels, profiles, active_profile");
        yield return Case("root is a list", "- weights\n- thresholds\n", "t.yaml:1:1: expected a mapping with the sections weights, thresholds, decision_rules, safety_limits, rate_limits, rebalance_rules, inbound_fees, blacklist_channels, profiles, active_profile, got a list");
        yield return Case("misspelt section", "weigths:\n  centrality: 1\n", "t.yaml:1:1: weigths: unknown key; expected one of: weights, thresholds, decision_rules, safety_limits, rate_limits, rebalance_rules, inbound_fees, blacklist_channels, profiles, active_profile");
        yield return Case("unknown threshold", "thresholds:\n  optimal: 0.7\n", "t.yaml:2:3: thresholds.optimal: unknown key; expected one of: optimal_min, increase_threshold, decrease_threshold, close_threshold, rebalance_ratio_max, rebalance_ratio_min, close_inactivity_days, close_idle_score_max");
        yield return Case("unknown weight", "weights:\n  uptime: 0.1\n", "t.yaml:2:3: weights.uptime: unknown key; expected one of: centrality, liquidity, activity, competitiveness, reliability, age, peer_quality, position");
        yield return Case("weight is a word", Weights.Replace("liquidity: 0.25", "liquidity: high", StringComparison.Ordinal), "t.yaml:3:14: weights.liquidity: expected a number in [0, 1], got 'high'");
        yield return Case("weight is quoted", Weights.Replace("liquidity: 0.25", "liquidity: \"0.25\"", StringComparison.Ordinal), "t.yaml:3:14: weights.liquidity: expected a number in [0, 1], got the string \"0.25\"");
        yield return Case("weight above 1", "weights:\n  liquidity: 1.5\n", "t.yaml:2:14: weights.liquidity: 1.5 is out of range; expected a number in [0, 1]");
        yield return Case("weight not finite", "weights:\n  liquidity: .nan\n", "t.yaml:2:14: weights.liquidity: expected a number in [0, 1], got '.nan'");
        yield return Case("weights sum to 0.95", Weights.Replace("liquidity: 0.25", "liquidity: 0.20", StringComparison.Ordinal), "t.yaml:2:3: weights: the weights sum to 0.95; they must sum to 1 (±1E-06)");
        yield return Case("weights sum above 1 by a hair", Weights.Replace("position: 0.02", "position: 0.020002", StringComparison.Ordinal), "t.yaml:2:3: weights: the weights sum to 1.000002; they must sum to 1 (±1E-06)");
        yield return Case("weights section is a number", "weights: 5\n", "t.yaml:1:10: weights: expected a mapping of keys, got '5'");
        yield return Case("negative cooldown", "rate_limits:\n  cooldown_minutes: -5\n", "t.yaml:2:21: rate_limits.cooldown_minutes: -5 is out of range; expected an integer in [0, 525600]");
        yield return Case("fractional cooldown", "rate_limits:\n  cooldown_minutes: 1.5\n", "t.yaml:2:21: rate_limits.cooldown_minutes: expected an integer in [0, 525600], got '1.5'");
        yield return Case("hysteresis above a year", "rate_limits:\n  hysteresis_hours: 9000\n", "t.yaml:2:21: rate_limits.hysteresis_hours: 9000 is out of range; expected an integer in [0, 8760]");
        yield return Case("fee rate min above max", "safety_limits:\n  fee_rate_ppm_min: 500\n  fee_rate_ppm_max: 100\n", "t.yaml:2:21: safety_limits.fee_rate_ppm_min: fee_rate_ppm_min (500) is greater than fee_rate_ppm_max (100)");
        yield return Case("base fee min above max", "safety_limits:\n  base_fee_msat_min: 20000\n", "t.yaml:2:22: safety_limits.base_fee_msat_min: base_fee_msat_min (20000) is greater than base_fee_msat_max (10000)");
        yield return Case("negative fee rate limit", "safety_limits:\n  fee_rate_ppm_min: -1\n", "t.yaml:2:21: safety_limits.fee_rate_ppm_min: -1 is out of range; expected an integer in [0, 4294967295]");
        yield return Case("max_change_percent above 10", "safety_limits:\n  max_change_percent: 11\n", "t.yaml:2:23: safety_limits.max_change_percent: 11 is out of range; expected a number in [0, 10]");
        yield return Case("max increase beyond 32 bits", "decision_rules:\n  max_fee_increase_ppm: 5000000000\n", "t.yaml:2:25: decision_rules.max_fee_increase_ppm: 5000000000 is out of range; expected an integer in [0, 4294967295]");
        yield return Case("rebalance ratios crossed", "thresholds:\n  rebalance_ratio_min: 0.9\n", "t.yaml:2:24: thresholds.rebalance_ratio_min: rebalance_ratio_min (0.9) is greater than rebalance_ratio_max (0.8)");
        yield return Case("score band inverted", "thresholds:\n  increase_threshold: 0.6\n", "t.yaml:2:23: thresholds.increase_threshold: increase_threshold (0.6) is greater than decrease_threshold (0.5)");
        yield return Case("target outside the ratio band", "decision_rules:\n  rebalance_target_ratio: 0.9\n", "t.yaml:2:27: decision_rules.rebalance_target_ratio: rebalance_target_ratio (0.9) must lie between rebalance_ratio_min (0.2) and rebalance_ratio_max (0.8)");
        yield return Case("close_inactivity_days zero", "thresholds:\n  close_inactivity_days: 0\n", "t.yaml:2:26: thresholds.close_inactivity_days: 0 is out of range; expected an integer in [1, 3650]");
        yield return Case("inbound positive without allow", "inbound_fees:\n  fee_rate_ppm_max: 10\n", "t.yaml:2:21: inbound_fees.fee_rate_ppm_max: a positive inbound fee rate (10) is rejected by LND unless it runs with accept-positive-inbound-fees=true; use a value <= 0, or set allow_positive: true if your node accepts them");
        yield return Case("inbound min above max", "inbound_fees:\n  fee_rate_ppm_min: -10\n  fee_rate_ppm_max: -20\n", "t.yaml:2:21: inbound_fees.fee_rate_ppm_min: fee_rate_ppm_min (-10) is greater than fee_rate_ppm_max (-20)");
        yield return Case("inbound enabled yes", "inbound_fees:\n  enabled: yes\n", "t.yaml:2:12: inbound_fees.enabled: expected true or false, got 'yes'");
        yield return Case("inbound step zero", "inbound_fees:\n  step_ppm: 0\n", "t.yaml:2:13: inbound_fees.step_ppm: 0 is out of range; expected an integer in [1, 2147483647]");
        yield return Case("inbound rate beyond int32", "inbound_fees:\n  fee_rate_ppm_min: -3000000000\n", "t.yaml:2:21: inbound_fees.fee_rate_ppm_min: -3000000000 is out of range; expected an integer in [-2147483648, 2147483647]");
        yield return Case("blacklist is a string", "blacklist_channels: 812345x1234x0\n", "t.yaml:1:21: blacklist_channels: expected a list of short channel ids (BLOCKxTXxOUTPUT, e.g. 812345x1234x0), got '812345x1234x0'");
        yield return Case("blacklist bad id", "blacklist_channels:\n  - 812345x1234x0\n  - abc\n", "t.yaml:3:5: blacklist_channels[1]: 'abc' is not a short channel id (BLOCKxTXxOUTPUT, e.g. 812345x1234x0)");
        yield return Case("duplicate section", "rate_limits:\n  cooldown_minutes: 5\nrate_limits:\n  cooldown_minutes: 6\n", "t.yaml:3:1: duplicate key 'rate_limits' (first defined at line 1, column 1)");
        yield return Case("duplicate key in a section", "rate_limits:\n  cooldown_minutes: 5\n  cooldown_minutes: 6\n", "t.yaml:3:3: duplicate key 'cooldown_minutes' (first defined at line 2, column 3)");
        yield return Case("bad indentation", "rate_limits:\n  cooldown_minutes: 5\n max_changes_per_day: 3\n", "t.yaml:3:2: invalid YAML: While parsing a block mapping, did not find expected key");
        yield return Case("unterminated flow list", "blacklist_channels: [812345x1234x0\nactive_profile: x\n", "t.yaml:1:21: invalid YAML: the structure starting here is not properly closed (check brackets, braces and quotes)");
        yield return Case("two documents", "active_profile: null\n---\nactive_profile: null\n", "t.yaml:2:1: the file holds more than one YAML document; keep a single document");
        yield return Case("profiles not a mapping", "profiles: [conservative]\n", "t.yaml:1:11: profiles: expected a mapping of profile names to sections, got a list");
        yield return Case("profile sets the blacklist", "profiles:\n  mine:\n    blacklist_channels: []\n", "t.yaml:3:5: profiles.mine.blacklist_channels: unknown key; expected one of: weights, thresholds, decision_rules, safety_limits, rate_limits, rebalance_rules, inbound_fees");
        yield return Case("profile named root", "profiles:\n  root:\n    weights: null\n", "t.yaml:2:3: profiles.root: 'root' cannot name a profile (empty or reserved for the root values)");
        yield return Case("profile weights do not sum to 1", "profiles:\n  mine:\n    weights:\n      activity: 0.5\n", "t.yaml:4:7: profiles.mine.weights: the weights sum to 1.3; they must sum to 1 (±1E-06)");
        yield return Case("profile limits crossed", "profiles:\n  mine:\n    safety_limits:\n      fee_rate_ppm_max: 0\n", "t.yaml:4:7: profiles.mine.safety_limits: fee_rate_ppm_min (1) is greater than fee_rate_ppm_max (0)");
        yield return Case("unknown active profile", "profiles:\n  conservative: null\n  aggressive: null\nactive_profile: turbo\n", "t.yaml:4:17: active_profile: unknown profile 'turbo'; defined profiles: conservative, aggressive");
        yield return Case("active profile without profiles", "active_profile: balanced\n", "t.yaml:1:17: active_profile: unknown profile 'balanced'; defined profiles: (none)");
        yield return Case("active profile is a list", "active_profile: [a]\n", "t.yaml:1:17: active_profile: expected a text value, got a list");
    }

    [TestCaseSource(nameof(Cases))]
    public void Is_rejected_with_a_message_naming_line_column_and_key(string yaml, string expected)
    {
        var error = Assert.Throws<ThresholdsException>(() => ThresholdsLoader.Parse(yaml, "t.yaml"));
        Assert.That(error!.Message, Is.EqualTo(expected));
    }

    [Test]
    public void A_missing_file_is_named()
    {
        using var directory = new Mcp.TestKit.Environment.TempDirectory();
        var path = directory.Combine("absent.yaml");
        var error = Assert.Throws<ThresholdsException>(() => ThresholdsLoader.LoadFile(path));
        Assert.That(error!.Message, Is.EqualTo($"{path}: file not found"));
    }

    [Test]
    public void A_profile_name_the_file_does_not_define_is_named_with_the_defined_ones()
    {
        var document = ThresholdsLoader.Parse("profiles:\n  b: null\n  a: null\n", "t.yaml");
        var error = Assert.Throws<UnknownProfileException>(() => document.Resolve("turbo"));
        Assert.That(error!.Message, Is.EqualTo("t.yaml: unknown profile 'turbo'; defined profiles: a, b"));
    }

    private static TestCaseData Case(string name, string yaml, string expected) =>
        new TestCaseData(yaml, expected).SetArgDisplayNames(name);
}
