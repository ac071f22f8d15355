using Mcp.Daemon.Configuration;

namespace Mcp.Daemon.Tests.Configuration;

public sealed class AnnotationsValidatorTests
{
    [Test]
    public void Data_annotations_next_to_a_setting_are_checked_and_name_the_variable()
    {
        var catalog = SettingsCatalog.Discover(typeof(AnnotationsValidatorTests).Assembly);
        var validator = new EnvSettingAnnotationsValidator<TestOnlyOptions>(catalog);

        var result = validator.Validate(null, new TestOnlyOptions { Limit = 50 });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures!.Single(), Does.StartWith("MCP_TEST_ONLY_LIMIT=\"50\" is not valid: expected").And.Contain("between 1 and 20"));
    }
}
