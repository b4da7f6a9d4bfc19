namespace Host.IntegrationTests.Hostile;

/// <summary>One operation of the Host's OpenAPI document: what the hostile-input suite needs to aim at it.</summary>
internal sealed record ApiOperation(
    string Method,
    string PathTemplate,
    IReadOnlyList<ApiParameter> PathParameters,
    IReadOnlyList<ApiParameter> QueryParameters,
    bool HasBody,
    IReadOnlyList<string> BodyProperties)
{
    public string Name => $"{Method} {PathTemplate}";

    /// <summary>Every operation in the document; a new endpoint shows up here without the suite being edited.</summary>
    public static IReadOnlyList<ApiOperation> AllIn(JsonElement document)
    {
        var schemas = document.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var s)
            ? s
            : default;
        var operations = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Name is "parameters" or "summary" or "description" or "servers")
                {
                    continue;
                }

                var parameters = operation.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
                var hasBody = operation.Value.TryGetProperty("requestBody", out var body);
                operations.Add(new ApiOperation(
                    operation.Name.ToUpperInvariant(),
                    path.Name,
                    [.. parameters.Where(x => x.GetProperty("in").GetString() == "path").Select(ApiParameter.From)],
                    [.. parameters.Where(x => x.GetProperty("in").GetString() == "query").Select(ApiParameter.From)],
                    hasBody,
                    hasBody ? PropertiesOf(body, schemas) : []));
            }
        }

        return operations;
    }

    /// <summary>The property names of a JSON request body's schema, following one <c>$ref</c>.</summary>
    private static List<string> PropertiesOf(JsonElement requestBody, JsonElement schemas)
    {
        if (!requestBody.TryGetProperty("content", out var content))
        {
            return [];
        }

        foreach (var media in content.EnumerateObject())
        {
            if (!media.Value.TryGetProperty("schema", out var schema))
            {
                continue;
            }

            if (schema.TryGetProperty("$ref", out var reference) && schemas.ValueKind == JsonValueKind.Object
                && schemas.TryGetProperty(reference.GetString()!.Split('/')[^1], out var resolved))
            {
                schema = resolved;
            }

            if (schema.TryGetProperty("properties", out var properties))
            {
                return [.. properties.EnumerateObject().Select(x => x.Name)];
            }
        }

        return [];
    }
}

/// <summary>A path or query parameter and whether its schema says it is a number.</summary>
internal sealed record ApiParameter(string Name, bool IsNumber)
{
    public static ApiParameter From(JsonElement parameter)
    {
        var isNumber = false;
        if (parameter.TryGetProperty("schema", out var schema) && schema.TryGetProperty("type", out var type))
        {
            // OpenAPI 3.1 writes a type as a string or an array of them (["integer", "string"]).
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()) : [type.GetString()];
            isNumber = types.Any(t => t is "integer" or "number");
        }

        return new ApiParameter(parameter.GetProperty("name").GetString()!, isNumber);
    }
}
