using Mcp.Daemon.Storage;
using Mcp.Engine.Configuration;
using Mcp.Engine.Coordination.Redis;
using Mcp.Engine.Storage;
using Npgsql;

namespace Mcp.IntegrationTests.Storage;

public sealed class DatabaseSettingTests
{
    [Test]
    public void No_setting_means_sqlite_in_the_data_directory()
    {
        var setting = DatabaseSetting.Parse(null, "/var/lib/mcp-daemon");
        Assert.That((setting.Kind, setting.SqlitePath), Is.EqualTo(("sqlite", (string?)"/var/lib/mcp-daemon/mcp.db")));
    }

    [TestCase("sqlite:/srv/mcp/state.db", "/srv/mcp/state.db")]
    [TestCase("sqlite:///srv/mcp/state.db", "/srv/mcp/state.db")]
    [TestCase("SQLITE:/a.db", "/a.db")]
    public void Sqlite_paths_are_accepted(string value, string path)
    {
        Assert.That(DatabaseSetting.Parse(value, "/x").SqlitePath, Is.EqualTo(path));
    }

    [Test]
    public void A_relative_sqlite_path_is_made_absolute()
    {
        Assert.That(Path.IsPathRooted(DatabaseSetting.Parse("sqlite:var/mcp.db", "/x").SqlitePath!), Is.True);
    }

    [Test]
    public void A_postgres_url_is_decoded_into_a_connection_string_and_its_location_hides_the_password()
    {
        var setting = DatabaseSetting.Parse("postgres://mcp:p%40ss%3Aw0rd@db.example:6543/mcp_prod?sslmode=require&Maximum%20Pool%20Size=20", "/x");

        var builder = new NpgsqlConnectionStringBuilder(setting.PostgresConnectionString);
        Assert.That((builder.Host, builder.Port, builder.Username, builder.Password, builder.Database), Is.EqualTo(("db.example", 6543, "mcp", "p@ss:w0rd", "mcp_prod")));
        Assert.That((builder.SslMode, builder.MaxPoolSize, builder.Timeout), Is.EqualTo((SslMode.Require, 20, 5)));
        Assert.That(setting.Location, Is.EqualTo("mcp@db.example:6543/mcp_prod"));
        Assert.That(setting.ToString(), Does.Not.Contain("w0rd"));
    }

    [Test]
    public void The_database_defaults_to_the_user_name_and_the_port_to_5432()
    {
        var setting = DatabaseSetting.Parse("postgresql://mcp:pw@localhost", "/x");
        Assert.That(setting.Location, Is.EqualTo("mcp@localhost:5432/mcp"));
    }

    [Test]
    public void An_npgsql_connection_string_is_accepted()
    {
        var setting = DatabaseSetting.Parse("Host=10.0.0.5;Username=mcp;Password=secret;Database=audit;Timeout=9", "/x");
        Assert.That(setting.Kind, Is.EqualTo("postgres"));
        Assert.That(setting.Location, Is.EqualTo("mcp@10.0.0.5:5432/audit"));
        Assert.That(new NpgsqlConnectionStringBuilder(setting.PostgresConnectionString).Timeout, Is.EqualTo(9));
    }

    [TestCase("mysql://root:hunter2@localhost/db", "unrecognised")]
    [TestCase("sqlite:", "names no database file")]
    [TestCase("sqlite::memory:", "names no database file")]
    [TestCase("postgres://:hunter2@localhost/db", "user name is missing")]
    [TestCase("postgres://u:hunter2@localhost/db?frobnicate=1", "'frobnicate'")]
    [TestCase("Host=h;Username=u;Password=hunter2;Colour=blue", "not valid")]
    [TestCase("Username=u;Password=hunter2", "no Host")]
    public void A_bad_setting_is_a_configuration_error_that_names_the_variable_and_never_the_password(string value, string expected)
    {
        var ex = Assert.Throws<StorageConfigurationException>(() => DatabaseSetting.Parse(value, "/x"));

        Assert.That(ex!.Message, Does.StartWith("MCP_DATABASE:").And.Contain(expected));
        Assert.That(ex.Message, Does.Not.Contain("hunter2"));
    }

    [TestCase("127.0.0.1:6380", "127.0.0.1:6380")]
    [TestCase("redis.internal:6379,password=hunter2", "Unspecified/redis.internal:6379")]
    [TestCase("redis://:hunter2@cache:6390/2", "Unspecified/cache:6390")]
    public void Redis_settings_are_parsed_and_their_location_hides_the_password(string value, string location)
    {
        var setting = RedisSetting.Parse(value);
        Assert.That(setting.Location, Is.EqualTo(location));
        Assert.That(setting.Options.AbortOnConnectFail, Is.False, "never abort: the daemon starts while Redis is down");
    }

    [TestCase("redis://cache:6379/notanumber")]
    [TestCase("host:6379,bogusoption=1,password=hunter2")]
    public void A_bad_redis_setting_is_a_configuration_error_without_the_password(string value)
    {
        var ex = Assert.Throws<StorageConfigurationException>(() => RedisSetting.Parse(value));
        Assert.That(ex!.Message, Does.StartWith("MCP_REDIS:").And.Not.Contain("hunter2"));
    }

    [Test]
    public void The_options_validator_reports_each_bad_setting_on_its_own_line()
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { Database = "mysql://root:hunter2@x/db", Redis = "redis://h:1/x" });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures!.Select(f => f.Split(':')[0]), Is.EqualTo(new[] { "MCP_DATABASE", "MCP_REDIS" }));
        Assert.That(result.FailureMessage, Does.Not.Contain("hunter2"));
        Assert.That(new StorageOptionsValidator().Validate(null, new StorageOptions()).Succeeded, Is.True);
    }
}
