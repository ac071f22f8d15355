using Mcp.Engine.Heuristics;
using Mcp.Engine.Tests.Parity;
using Mcp.Engine.Thresholds;

namespace Mcp.Engine.Tests.Thresholds;

public sealed class ThresholdsLoaderTests
{
    /// <summary>The original file's sections, keys and values (its comments left out).</summary>
    private const string OriginalFile = """
        weights:
          centrality: 0.20
          liquidity: 0.25
          activity: 0.20
          competitiveness: 0.15
          reliability: 0.10
          age: 0.05
          peer_quality: 0.03
          position: 0.02
        thresholds:
          optimal_min: 0.7
          increase_threshold: 0.3
          decrease_threshold: 0.5
          close_threshold: 0.1
          rebalance_ratio_max: 0.8
          rebalance_ratio_min: 0.2
          close_inactivity_days: 30
        decision_rules:
          min_confidence: 0.6
          max_fee_increase_ppm: 1000
          max_fee_decrease_pct: 0.5
          rebalance_target_ratio: 0.5
        safety_limits:
          base_fee_msat_min: 0
          base_fee_msat_max: 10000
          fee_rate_ppm_min: 1
          fee_rate_ppm_max: 10000
          max_change_percent: 0.5
        rate_limits:
          max_changes_per_day: 5
          max_changes_per_channel_per_day: 3
          cooldown_minutes: 60
        rebalance_rules:
          max_amount_percent: 0.5
          max_cost_percent: 0.005
          min_amount_sats: 100000
        blacklist_channels: []
          # - "123456x789x0"
        profiles:
          conservative:
            weights:
              centrality: 0.15
              liquidity: 0.30
              activity: 0.15
              competitiveness: 0.10
              reliability: 0.20
              age: 0.05
              peer_quality: 0.03
              position: 0.02
            thresholds:
              optimal_min: 0.8
              increase_threshold: 0.4
              close_threshold: 0.05
            decision_rules:
              min_confidence: 0.8
              max_fee_increase_ppm: 500
              max_fee_decrease_pct: 0.3
          aggressive:
            weights:
              centrality: 0.25
              liquidity: 0.20
              activity: 0.25
              competitiveness: 0.15
              reliability: 0.05
              age: 0.05
              peer_quality: 0.03
              position: 0.02
            thresholds:
              optimal_min: 0.6
              increase_threshold: 0.2
              close_threshold: 0.15
            decision_rules:
              min_confidence: 0.5
              max_fee_increase_ppm: 2000
              max_fee_decrease_pct: 0.7
          balanced:
            weights: null
            thresholds: null
            decision_rules: null
        active_profile: "balanced"
        """;

    [Test]
    public void The_shipped_file_loads_and_its_root_is_the_built_in_defaults()
    {
        var document = ThresholdsLoader.LoadFile(RepositoryPaths.ShippedThresholds);
        Assert.That(document.ActiveProfile, Is.EqualTo("balanced"));
        Assert.That(document.Profiles.Keys, Is.EquivalentTo(new[] { "conservative", "aggressive", "balanced" }));
        AssertSameValues(document.Root, DecisionThresholds.Default);
        AssertSameValues(document.Resolve(), DecisionThresholds.Default);
        Assert.That(document.Resolve().Profile, Is.EqualTo("balanced"));
    }

    [Test]
    public void The_original_file_loads_unchanged_with_the_new_keys_at_their_defaults()
    {
        var document = ThresholdsLoader.Parse(OriginalFile, "original.yaml");
        AssertSameValues(document.Root, DecisionThresholds.Default);
        AssertSameValues(document.Resolve("balanced"), DecisionThresholds.Default);
        Assert.That(document.Root.DecisionRules.MinFeeChangePpm, Is.EqualTo(5));
        Assert.That(document.Root.RateLimits.HysteresisHours, Is.EqualTo(24));
        Assert.That(document.Root.InboundFees.Enabled, Is.False);
    }

    [Test]
    public void The_conservative_profile_overlays_only_the_keys_it_sets()
    {
        var conservative = ThresholdsLoader.LoadFile(RepositoryPaths.ShippedThresholds).Resolve("conservative");
        Assert.Multiple(() =>
        {
            Assert.That(conservative.Profile, Is.EqualTo("conservative"));
            Assert.That(conservative.Weights, Is.EqualTo(new HeuristicVector(0.15, 0.30, 0.15, 0.10, 0.20, 0.05, 0.03, 0.02)));
            Assert.That(conservative.Thresholds.OptimalMin, Is.EqualTo(0.8));
            Assert.That(conservative.Thresholds.IncreaseThreshold, Is.EqualTo(0.4));
            Assert.That(conservative.Thresholds.CloseThreshold, Is.EqualTo(0.05));
            Assert.That(conservative.Thresholds.DecreaseThreshold, Is.EqualTo(0.5), "kept from the root");
            Assert.That(conservative.DecisionRules.MinConfidence, Is.EqualTo(0.8));
            Assert.That(conservative.DecisionRules.MaxFeeIncreasePpm, Is.EqualTo(500));
            Assert.That(conservative.DecisionRules.MaxFeeDecreasePct, Is.EqualTo(0.3));
            Assert.That(conservative.DecisionRules.RebalanceTargetRatio, Is.EqualTo(0.5), "kept from the root");
            Assert.That(conservative.SafetyLimits, Is.EqualTo(DecisionThresholds.Default.SafetyLimits));
        });
    }

    [Test]
    public void The_aggressive_profile_overlays_only_the_keys_it_sets()
    {
        var aggressive = ThresholdsLoader.LoadFile(RepositoryPaths.ShippedThresholds).Resolve("aggressive");
        Assert.Multiple(() =>
        {
            Assert.That(aggressive.Weights, Is.EqualTo(new HeuristicVector(0.25, 0.20, 0.25, 0.15, 0.05, 0.05, 0.03, 0.02)));
            Assert.That(aggressive.Thresholds.OptimalMin, Is.EqualTo(0.6));
            Assert.That(aggressive.Thresholds.IncreaseThreshold, Is.EqualTo(0.2));
            Assert.That(aggressive.Thresholds.CloseThreshold, Is.EqualTo(0.15));
            Assert.That(aggressive.DecisionRules.MinConfidence, Is.EqualTo(0.5));
            Assert.That(aggressive.DecisionRules.MaxFeeIncreasePpm, Is.EqualTo(2000));
            Assert.That(aggressive.DecisionRules.MaxFeeDecreasePct, Is.EqualTo(0.7));
            Assert.That(aggressive.RateLimits, Is.EqualTo(DecisionThresholds.Default.RateLimits));
        });
    }

    [Test]
    public void A_profile_overlays_a_profile_section_key_by_key_over_a_modified_root()
    {
        var document = ThresholdsLoader.Parse("""
            rate_limits:
              cooldown_minutes: 120
              hysteresis_hours: 6
            profiles:
              night:
                rate_limits:
                  cooldown_minutes: 30
                inbound_fees:
                  enabled: true
                  step_ppm: 1_000
            blacklist_channels: ["812345x1234x0", 700000x1x1]
            """, "t.yaml");
        var night = document.Resolve("night");
        Assert.Multiple(() =>
        {
            Assert.That(document.ActiveProfile, Is.Null);
            Assert.That(document.Resolve().Profile, Is.EqualTo("root"));
            Assert.That(document.Resolve("root").RateLimits.CooldownMinutes, Is.EqualTo(120));
            Assert.That(night.RateLimits.CooldownMinutes, Is.EqualTo(30));
            Assert.That(night.RateLimits.HysteresisHours, Is.EqualTo(6), "inherited from the root");
            Assert.That(night.InboundFees.Enabled, Is.True);
            Assert.That(night.InboundFees.StepPpm, Is.EqualTo(1000), "digit separators are accepted");
            Assert.That(night.BlacklistChannels, Is.EquivalentTo(new[] { "812345x1234x0", "700000x1x1" }), "the blacklist applies to every profile");
        });
    }

    [Test]
    public void Anchors_and_aliases_are_resolved()
    {
        var document = ThresholdsLoader.Parse("""
            decision_rules: &rules
              min_confidence: 0.7
            profiles:
              copy:
                decision_rules: *rules
            """, "t.yaml");
        Assert.That(document.Resolve("copy").DecisionRules.MinConfidence, Is.EqualTo(0.7));
    }

    private static void AssertSameValues(DecisionThresholds actual, DecisionThresholds expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(actual.Weights, Is.EqualTo(expected.Weights));
            Assert.That(actual.Thresholds, Is.EqualTo(expected.Thresholds));
            Assert.That(actual.DecisionRules, Is.EqualTo(expected.DecisionRules));
            Assert.That(actual.SafetyLimits, Is.EqualTo(expected.SafetyLimits));
            Assert.That(actual.RateLimits, Is.EqualTo(expected.RateLimits));
            Assert.That(actual.RebalanceRules, Is.EqualTo(expected.RebalanceRules));
            Assert.That(actual.InboundFees, Is.EqualTo(expected.InboundFees));
            Assert.That(actual.BlacklistChannels, Is.Empty);
        });
    }
}
