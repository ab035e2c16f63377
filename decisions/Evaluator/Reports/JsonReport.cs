using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Decisions.Reports;

/// <summary>The report as JSON, for a program to read what the Markdown shows.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Render(DecisionReport report) => JsonSerializer.Serialize(report, Options);
}
