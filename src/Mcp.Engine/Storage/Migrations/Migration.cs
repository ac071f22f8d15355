namespace Mcp.Engine.Storage.Migrations;

/// <summary>
/// One schema step. <see cref="Script"/> is written once for both backends; <c>{JSON}</c> is
/// replaced by the document column type (<c>JSONB</c> on PostgreSQL, <c>TEXT</c> on SQLite).
/// Applied migrations are never edited: a change is a new version.
/// </summary>
internal sealed record Migration(int Version, string Name, string Script)
{
    public string ScriptFor(bool postgres) => Script.Replace("{JSON}", postgres ? "JSONB" : "TEXT", StringComparison.Ordinal);
}
