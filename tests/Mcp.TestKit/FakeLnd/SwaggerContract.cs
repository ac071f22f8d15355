using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mcp.TestKit.FakeLnd;

/// <summary>
/// LND's swagger (embedded copy, see Swagger/PROVENANCE.md) as a checker: does a request match a
/// declared path, method, query parameter and body schema; does a JSON value match a message
/// definition (field names, JSON types: 64-bit integers as strings, 32-bit as numbers, enums)?
/// Every problem names its JSON path.
/// </summary>
internal sealed class SwaggerContract
{
    private readonly JsonElement _root;
    private readonly List<(Regex Pattern, string Template)> _paths;

    private SwaggerContract(JsonElement root)
    {
        _root = root;
        _paths = root.GetProperty("paths").EnumerateObject()
            .Select(p => (new Regex("^" + Regex.Replace(Regex.Escape(p.Name), @"\\\{[^}]+}", "[^/]+") + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), p.Name))
            .ToList();
    }

    public static SwaggerContract Load()
    {
        var assembly = typeof(SwaggerContract).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("lnrpc_lightning.swagger.json", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var document = JsonDocument.Parse(stream);
        return new SwaggerContract(document.RootElement.Clone());
    }

    /// <summary>A message definition, e.g. <c>lnrpcChannel</c>.</summary>
    public JsonElement Definition(string name) => _root.GetProperty("definitions").GetProperty(name);

    public bool HasDefinition(string name) => _root.GetProperty("definitions").TryGetProperty(name, out _);

    /// <summary>The swagger path template matching a concrete path, and the operation of the method.</summary>
    public (string Template, JsonElement Operation)? FindOperation(string method, string path)
    {
        foreach (var (pattern, template) in _paths)
        {
            if (pattern.IsMatch(path)
                && _root.GetProperty("paths").GetProperty(template).TryGetProperty(method.ToLowerInvariant(), out var operation))
            {
                return (template, operation);
            }
        }

        return null;
    }

    /// <summary>Problems of a request: unknown path or method, undeclared query parameter, body not matching the body schema.</summary>
    public IReadOnlyList<string> CheckRequest(RecordedRequest request)
    {
        var problems = new List<string>();
        if (FindOperation(request.Method, request.Path) is not { } found)
        {
            problems.Add($"{request.Method} {request.Path}: no such operation in the swagger");
            return problems;
        }

        var parameters = found.Operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
        var query = request.Query.TrimStart('?');
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Uri.UnescapeDataString(pair.Split('=')[0]);
            var declared = parameters.FirstOrDefault(x => x.GetProperty("in").GetString() == "query" && x.GetProperty("name").GetString() == name);
            if (declared.ValueKind == JsonValueKind.Undefined)
            {
                problems.Add($"{request}: query parameter '{name}' is not declared for {found.Template}");
            }
        }

        var body = parameters.FirstOrDefault(x => x.GetProperty("in").GetString() == "body");
        if (body.ValueKind != JsonValueKind.Undefined)
        {
            using var document = JsonDocument.Parse(request.Body);
            problems.AddRange(Check(document.RootElement, body.GetProperty("schema"), "$"));
        }
        else if (request.Body.Length > 0)
        {
            problems.Add($"{request}: a body was sent to an operation that takes none");
        }

        return problems;
    }

    /// <summary>Problems of a 200 response body of an operation.</summary>
    public IReadOnlyList<string> CheckResponse(string method, string path, string body)
    {
        if (FindOperation(method, path) is not { } found)
        {
            return [$"{method} {path}: no such operation in the swagger"];
        }

        var schema = found.Operation.GetProperty("responses").GetProperty("200").GetProperty("schema");
        using var document = JsonDocument.Parse(body);
        return Check(document.RootElement, schema, "$");
    }

    /// <summary>Problems of a value against a schema (a <c>$ref</c> or an inline schema).</summary>
    public IReadOnlyList<string> Check(JsonElement value, JsonElement schema, string where)
    {
        var problems = new List<string>();
        Validate(value, schema, where, problems);
        return problems;
    }

    /// <summary>The JSON type and format a property of a definition has (e.g. ("string", "uint64")).</summary>
    public (string Type, string? Format, string? Ref)? Property(string definition, string property)
    {
        if (!Definition(definition).TryGetProperty("properties", out var properties) || !properties.TryGetProperty(property, out var schema))
        {
            return null;
        }

        var reference = schema.TryGetProperty("$ref", out var r) ? r.GetString()!.Split('/')[^1] : null;
        if (reference is not null)
        {
            var target = Definition(reference);
            var targetType = target.TryGetProperty("type", out var tt) ? tt.GetString()! : "object";
            return (targetType, null, reference);
        }

        var type = schema.GetProperty("type").GetString()!;
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (type == "array" && schema.GetProperty("items").TryGetProperty("$ref", out var itemRef))
        {
            return (type, null, itemRef.GetString()!.Split('/')[^1]);
        }

        if (type == "array")
        {
            var items = schema.GetProperty("items");
            return (type, items.TryGetProperty("format", out var itemFormat) ? $"{items.GetProperty("type").GetString()}({itemFormat.GetString()})" : items.GetProperty("type").GetString(), null);
        }

        return (type, format, null);
    }

    private void Validate(JsonElement value, JsonElement schema, string where, List<string> problems)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var definition = Definition(reference.GetString()!.Split('/')[^1]);
            if (value.ValueKind == JsonValueKind.Null && (!definition.TryGetProperty("type", out var t) || t.GetString() == "object"))
            {
                return; // protojson writes an unset message as null
            }

            Validate(value, definition, where, problems);
            return;
        }

        var type = schema.TryGetProperty("type", out var typeElement) ? typeElement.GetString() : "object";
        var format = schema.TryGetProperty("format", out var formatElement) ? formatElement.GetString() : null;
        switch (type)
        {
            case "object":
                if (value.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{where}: expected an object, got {value.ValueKind}");
                    return;
                }

                if (schema.TryGetProperty("properties", out var properties))
                {
                    foreach (var property in value.EnumerateObject())
                    {
                        if (properties.TryGetProperty(property.Name, out var propertySchema))
                        {
                            Validate(property.Value, propertySchema, $"{where}.{property.Name}", problems);
                        }
                        else
                        {
                            problems.Add($"{where}.{property.Name}: not a field of this message");
                        }
                    }
                }
                else if (schema.TryGetProperty("additionalProperties", out var mapValues))
                {
                    foreach (var property in value.EnumerateObject())
                    {
                        Validate(property.Value, mapValues, $"{where}.{property.Name}", problems);
                    }
                }

                return;
            case "array":
                if (value.ValueKind != JsonValueKind.Array)
                {
                    problems.Add($"{where}: expected an array, got {value.ValueKind}");
                    return;
                }

                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Validate(item, schema.GetProperty("items"), $"{where}[{index++}]", problems);
                }

                return;
            case "string":
                if (value.ValueKind != JsonValueKind.String)
                {
                    problems.Add($"{where}: expected a JSON string{(format is null ? "" : $" ({format})")}, got {value.ValueKind}");
                    return;
                }

                var text = value.GetString()!;
                if (format is "int64" && !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    problems.Add($"{where}: '{text}' is not an int64");
                }
                else if (format is "uint64" && !ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    problems.Add($"{where}: '{text}' is not a uint64");
                }
                else if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.GetString() == text))
                {
                    problems.Add($"{where}: '{text}' is not one of the enum values");
                }

                return;
            case "integer":
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _))
                {
                    problems.Add($"{where}: expected a JSON integer number ({format}), got {value.ValueKind}");
                }

                return;
            case "number":
                if (value.ValueKind != JsonValueKind.Number)
                {
                    problems.Add($"{where}: expected a JSON number, got {value.ValueKind}");
                }

                return;
            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add($"{where}: expected a boolean, got {value.ValueKind}");
                }

                return;
            default:
                problems.Add($"{where}: unsupported schema type {type}");
                return;
        }
    }
}
