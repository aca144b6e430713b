using System.Text.Json;

namespace Natrium.Tests.Unit.Jwt;

/// "Every value in expected is in actual": objects compare key by key (extra keys in actual are
/// fine), arrays element by element, scalars exactly. A key that expected holds with an empty
/// value (0, false, "", [], {} of empties) may be missing from actual, as Go's omitempty drops it.
internal static class JsonSubset
{
    public static void AssertContained(JsonElement expected, JsonElement actual, string path)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.True(actual.ValueKind == JsonValueKind.Object, $"{path}: expected an object, got {actual.ValueKind}");
                foreach (var property in expected.EnumerateObject())
                {
                    var child = path + "." + property.Name;
                    if (actual.TryGetProperty(property.Name, out var value))
                    {
                        AssertContained(property.Value, value, child);
                    }
                    else
                    {
                        Assert.True(IsEmpty(property.Value), $"{child} = {property.Value.GetRawText()} is missing after decoding");
                    }
                }

                break;
            case JsonValueKind.Array:
                Assert.True(actual.ValueKind == JsonValueKind.Array, $"{path}: expected an array, got {actual.ValueKind}");
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: array length differs");
                var index = 0;
                foreach (var (e, a) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
                {
                    AssertContained(e, a, $"{path}[{index++}]");
                }

                break;
            default:
                Assert.True(expected.GetRawText() == actual.GetRawText(), $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
                break;
        }
    }

    private static bool IsEmpty(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.False => true,
        JsonValueKind.Number => value.GetDouble() == 0,
        JsonValueKind.String => value.GetString()!.Length == 0,
        JsonValueKind.Array => value.GetArrayLength() == 0,
        JsonValueKind.Object => value.EnumerateObject().All(p => IsEmpty(p.Value)),
        _ => false,
    };
}
