using System.Collections.Frozen;
using System.Globalization;
using Mcp.Engine.Heuristics;
using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Thresholds;

/// <summary>
/// Reads <c>decision_thresholds.yaml</c>: every section of the original file plus this product's
/// additions, profiles overlaid on the root key by key (a null section means "as the root"), and
/// strict validation. Keys left out take the original engine's defaults, so the original file
/// loads unchanged.
/// </summary>
internal static class ThresholdsLoader
{
    private const long UInt32Max = uint.MaxValue;
    private const double WeightSumTolerance = 1e-6;

    private static readonly string[] ProfileSectionKeys =
        ["weights", "thresholds", "decision_rules", "safety_limits", "rate_limits", "rebalance_rules", "inbound_fees"];

    private static readonly string[] RootKeys = [.. ProfileSectionKeys, "blacklist_channels", "profiles", "active_profile"];

    private static readonly string[] WeightKeys = [.. HeuristicNames.All.Select(h => h.ToWireName())];

    private static readonly string[] ThresholdKeys =
        ["optimal_min", "increase_threshold", "decrease_threshold", "close_threshold", "rebalance_ratio_max",
         "rebalance_ratio_min", "close_inactivity_days", "close_idle_score_max"];

    private static readonly string[] DecisionRuleKeys =
        ["min_confidence", "max_fee_increase_ppm", "max_fee_decrease_pct", "rebalance_target_ratio",
         "fee_increase_step_ppm", "fee_decrease_step_pct", "min_fee_change_ppm"];

    private static readonly string[] SafetyKeys =
        ["base_fee_msat_min", "base_fee_msat_max", "fee_rate_ppm_min", "fee_rate_ppm_max", "max_change_percent"];

    private static readonly string[] RateLimitKeys =
        ["max_changes_per_day", "max_changes_per_channel_per_day", "cooldown_minutes", "hysteresis_hours"];

    private static readonly string[] RebalanceKeys = ["max_amount_percent", "max_cost_percent", "min_amount_sats"];

    private static readonly string[] InboundKeys =
        ["enabled", "fee_rate_ppm_min", "fee_rate_ppm_max", "step_ppm", "max_discount_percent", "allow_positive"];

    /// <summary>Reads and validates a thresholds file.</summary>
    /// <exception cref="ThresholdsException">The file is missing, unreadable or invalid.</exception>
    public static ThresholdsDocument LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            throw new ThresholdsException(path, 0, 0, null, "file not found");
        }
        catch (DirectoryNotFoundException)
        {
            throw new ThresholdsException(path, 0, 0, null, "file not found (its directory does not exist)");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ThresholdsException(path, 0, 0, null, $"cannot read the file: {e.Message}");
        }
        catch (IOException e)
        {
            throw new ThresholdsException(path, 0, 0, null, $"cannot read the file: {e.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>Parses and validates thresholds YAML; <paramref name="sourceName"/> prefixes every message.</summary>
    /// <exception cref="ThresholdsException">The text is invalid.</exception>
    public static ThresholdsDocument Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        var rootNode = YamlTreeReader.Read(text, sourceName)
            ?? throw new ThresholdsException(sourceName, 1, 1, null, $"the file is empty; expected a mapping with the sections {string.Join(", ", RootKeys)}");
        if (rootNode is not YamlTreeMapping rootMapping)
        {
            throw new ThresholdsException(sourceName, rootNode.Line, rootNode.Column, null,
                $"expected a mapping with the sections {string.Join(", ", RootKeys)}, got {rootNode.Describe()}");
        }

        var top = new YamlSection(rootMapping, "", sourceName, RootKeys);
        var root = ReadSections(top, DecisionThresholds.Default with { Profile = ThresholdsDocument.RootProfileName }) with
        {
            BlacklistChannels = ReadBlacklist(top),
        };

        var profiles = new Dictionary<string, DecisionThresholds>(StringComparer.Ordinal);
        if (top.Node("profiles") is { } profilesNode)
        {
            if (profilesNode is not YamlTreeMapping profilesMapping)
            {
                throw top.Error("profiles", $"expected a mapping of profile names to sections, got {profilesNode.Describe()}");
            }

            foreach (var (key, value) in profilesMapping.Entries)
            {
                var name = key.Value;
                var path = $"profiles.{name}";
                if (name.Length == 0 || string.Equals(name, ThresholdsDocument.RootProfileName, StringComparison.Ordinal))
                {
                    throw new ThresholdsException(sourceName, key.Line, key.Column, path,
                        $"'{name}' cannot name a profile (empty or reserved for the root values)");
                }

                var section = YamlSection.Open(value, path, sourceName, ProfileSectionKeys);
                profiles[name] = section is null
                    ? root with { Profile = name }
                    : ReadSections(section, root with { Profile = name });
            }
        }

        var active = top.Text("active_profile");
        if (active is not null && !profiles.ContainsKey(active))
        {
            throw top.Error("active_profile",
                $"unknown profile '{active}'; defined profiles: {(profiles.Count == 0 ? "(none)" : string.Join(", ", profiles.Keys))}");
        }

        return new ThresholdsDocument
        {
            SourceName = sourceName,
            Root = root,
            Profiles = profiles.ToFrozenDictionary(StringComparer.Ordinal),
            ActiveProfile = active,
        };
    }

    private static DecisionThresholds ReadSections(YamlSection owner, DecisionThresholds basis)
    {
        var source = owner.SourceName;
        var weights = ReadWeights(owner, basis.Weights);

        var t = basis.Thresholds;
        var ts = YamlSection.Open(owner.Node("thresholds"), YamlSection.Join(owner.Path, "thresholds"), source, ThresholdKeys);
        if (ts is not null)
        {
            t = new ScoreThresholds
            {
                OptimalMin = ts.Number("optimal_min", t.OptimalMin, 0, 1),
                IncreaseThreshold = ts.Number("increase_threshold", t.IncreaseThreshold, 0, 1),
                DecreaseThreshold = ts.Number("decrease_threshold", t.DecreaseThreshold, 0, 1),
                CloseThreshold = ts.Number("close_threshold", t.CloseThreshold, 0, 1),
                RebalanceRatioMax = ts.Number("rebalance_ratio_max", t.RebalanceRatioMax, 0, 1),
                RebalanceRatioMin = ts.Number("rebalance_ratio_min", t.RebalanceRatioMin, 0, 1),
                CloseInactivityDays = (int)ts.Integer("close_inactivity_days", t.CloseInactivityDays, 1, 3650),
                CloseIdleScoreMax = ts.Number("close_idle_score_max", t.CloseIdleScoreMax, 0, 1),
            };
            if (t.RebalanceRatioMin > t.RebalanceRatioMax)
            {
                throw ts.Error("rebalance_ratio_min", $"rebalance_ratio_min ({Fmt(t.RebalanceRatioMin)}) is greater than rebalance_ratio_max ({Fmt(t.RebalanceRatioMax)})");
            }

            if (t.IncreaseThreshold > t.DecreaseThreshold)
            {
                throw ts.Error("increase_threshold", $"increase_threshold ({Fmt(t.IncreaseThreshold)}) is greater than decrease_threshold ({Fmt(t.DecreaseThreshold)})");
            }
        }

        var d = basis.DecisionRules;
        var ds = YamlSection.Open(owner.Node("decision_rules"), YamlSection.Join(owner.Path, "decision_rules"), source, DecisionRuleKeys);
        if (ds is not null)
        {
            d = new DecisionRuleSettings
            {
                MinConfidence = ds.Number("min_confidence", d.MinConfidence, 0, 1),
                MaxFeeIncreasePpm = ds.Integer("max_fee_increase_ppm", d.MaxFeeIncreasePpm, 0, UInt32Max),
                MaxFeeDecreasePct = ds.Number("max_fee_decrease_pct", d.MaxFeeDecreasePct, 0, 1),
                RebalanceTargetRatio = ds.Number("rebalance_target_ratio", d.RebalanceTargetRatio, 0, 1),
                FeeIncreaseStepPpm = ds.Integer("fee_increase_step_ppm", d.FeeIncreaseStepPpm, 0, UInt32Max),
                FeeDecreaseStepPct = ds.Number("fee_decrease_step_pct", d.FeeDecreaseStepPct, 0, 1),
                MinFeeChangePpm = ds.Integer("min_fee_change_ppm", d.MinFeeChangePpm, 0, UInt32Max),
            };
        }

        if (d.RebalanceTargetRatio < t.RebalanceRatioMin || d.RebalanceTargetRatio > t.RebalanceRatioMax)
        {
            var problem = $"rebalance_target_ratio ({Fmt(d.RebalanceTargetRatio)}) must lie between rebalance_ratio_min ({Fmt(t.RebalanceRatioMin)}) and rebalance_ratio_max ({Fmt(t.RebalanceRatioMax)})";
            throw ds?.Error("rebalance_target_ratio", problem) ?? ts?.SectionError(problem) ?? owner.SectionError(problem);
        }

        var s = basis.SafetyLimits;
        var ss = YamlSection.Open(owner.Node("safety_limits"), YamlSection.Join(owner.Path, "safety_limits"), source, SafetyKeys);
        if (ss is not null)
        {
            s = new SafetyLimits
            {
                BaseFeeMsatMin = ss.Integer("base_fee_msat_min", s.BaseFeeMsatMin, 0, UInt32Max),
                BaseFeeMsatMax = ss.Integer("base_fee_msat_max", s.BaseFeeMsatMax, 0, UInt32Max),
                FeeRatePpmMin = ss.Integer("fee_rate_ppm_min", s.FeeRatePpmMin, 0, UInt32Max),
                FeeRatePpmMax = ss.Integer("fee_rate_ppm_max", s.FeeRatePpmMax, 0, UInt32Max),
                MaxChangePercent = ss.Number("max_change_percent", s.MaxChangePercent, 0, 10),
            };
            if (s.BaseFeeMsatMin > s.BaseFeeMsatMax)
            {
                throw ss.Error("base_fee_msat_min", $"base_fee_msat_min ({s.BaseFeeMsatMin}) is greater than base_fee_msat_max ({s.BaseFeeMsatMax})");
            }

            if (s.FeeRatePpmMin > s.FeeRatePpmMax)
            {
                throw ss.Error("fee_rate_ppm_min", $"fee_rate_ppm_min ({s.FeeRatePpmMin}) is greater than fee_rate_ppm_max ({s.FeeRatePpmMax})");
            }
        }

        var r = basis.RateLimits;
        var rs = YamlSection.Open(owner.Node("rate_limits"), YamlSection.Join(owner.Path, "rate_limits"), source, RateLimitKeys);
        if (rs is not null)
        {
            r = new RateLimits
            {
                MaxChangesPerDay = (int)rs.Integer("max_changes_per_day", r.MaxChangesPerDay, 0, 1_000_000),
                MaxChangesPerChannelPerDay = (int)rs.Integer("max_changes_per_channel_per_day", r.MaxChangesPerChannelPerDay, 0, 1_000),
                CooldownMinutes = (int)rs.Integer("cooldown_minutes", r.CooldownMinutes, 0, 525_600),
                HysteresisHours = (int)rs.Integer("hysteresis_hours", r.HysteresisHours, 0, 8_760),
            };
        }

        var b = basis.RebalanceRules;
        var bs = YamlSection.Open(owner.Node("rebalance_rules"), YamlSection.Join(owner.Path, "rebalance_rules"), source, RebalanceKeys);
        if (bs is not null)
        {
            b = new RebalanceRules
            {
                MaxAmountPercent = bs.Number("max_amount_percent", b.MaxAmountPercent, 0, 1),
                MaxCostPercent = bs.Number("max_cost_percent", b.MaxCostPercent, 0, 1),
                MinAmountSats = bs.Integer("min_amount_sats", b.MinAmountSats, 0, 2_100_000_000_000_000),
            };
        }

        var i = basis.InboundFees;
        var ins = YamlSection.Open(owner.Node("inbound_fees"), YamlSection.Join(owner.Path, "inbound_fees"), source, InboundKeys);
        if (ins is not null)
        {
            i = new InboundFeeSettings
            {
                Enabled = ins.Boolean("enabled", i.Enabled),
                FeeRatePpmMin = (int)ins.Integer("fee_rate_ppm_min", i.FeeRatePpmMin, int.MinValue, int.MaxValue),
                FeeRatePpmMax = (int)ins.Integer("fee_rate_ppm_max", i.FeeRatePpmMax, int.MinValue, int.MaxValue),
                StepPpm = (int)ins.Integer("step_ppm", i.StepPpm, 1, int.MaxValue),
                MaxDiscountPercent = ins.Number("max_discount_percent", i.MaxDiscountPercent, 0, 1),
                AllowPositive = ins.Boolean("allow_positive", i.AllowPositive),
            };
            if (i.FeeRatePpmMin > i.FeeRatePpmMax)
            {
                throw ins.Error("fee_rate_ppm_min", $"fee_rate_ppm_min ({i.FeeRatePpmMin}) is greater than fee_rate_ppm_max ({i.FeeRatePpmMax})");
            }

            if (i.FeeRatePpmMax > 0 && !i.AllowPositive)
            {
                throw ins.Error("fee_rate_ppm_max",
                    $"a positive inbound fee rate ({i.FeeRatePpmMax}) is rejected by LND unless it runs with accept-positive-inbound-fees=true; use a value <= 0, or set allow_positive: true if your node accepts them");
            }
        }

        return basis with
        {
            Weights = weights,
            Thresholds = t,
            DecisionRules = d,
            SafetyLimits = s,
            RateLimits = r,
            RebalanceRules = b,
            InboundFees = i,
        };
    }

    private static HeuristicVector ReadWeights(YamlSection owner, HeuristicVector basis)
    {
        var section = YamlSection.Open(owner.Node("weights"), YamlSection.Join(owner.Path, "weights"), owner.SourceName, WeightKeys);
        if (section is null)
        {
            return basis;
        }

        var weights = basis;
        foreach (var heuristic in HeuristicNames.All)
        {
            weights = weights.With(heuristic, section.Number(heuristic.ToWireName(), basis[heuristic], 0, 1));
        }

        var sum = weights.Sum();
        if (Math.Abs(sum - 1.0) > WeightSumTolerance)
        {
            throw section.SectionError($"the weights sum to {sum.ToString("0.########", CultureInfo.InvariantCulture)}; they must sum to 1 (±{WeightSumTolerance.ToString(CultureInfo.InvariantCulture)})");
        }

        return weights;
    }

    private static FrozenSet<string> ReadBlacklist(YamlSection top)
    {
        var node = top.Node("blacklist_channels");
        if (node is null)
        {
            return FrozenSet<string>.Empty;
        }

        if (node is not YamlTreeSequence sequence)
        {
            throw top.Error("blacklist_channels", $"expected a list of short channel ids ({ShortChannelId.Form}), got {node.Describe()}");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < sequence.Items.Count; k++)
        {
            var item = sequence.Items[k];
            if (item is not YamlTreeScalar scalar || scalar.IsNull || !ShortChannelId.IsValid(scalar.Value))
            {
                throw new ThresholdsException(top.SourceName, item.Line, item.Column, $"blacklist_channels[{k}]",
                    $"{item.Describe()} is not a short channel id ({ShortChannelId.Form})");
            }

            ids.Add(scalar.Value);
        }

        return ids.ToFrozenSet(StringComparer.Ordinal);
    }

    private static string Fmt(double value) => YamlSection.Format(value);
}
