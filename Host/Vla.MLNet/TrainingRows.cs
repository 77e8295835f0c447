using Microsoft.ML;
using Microsoft.ML.Data;
using Vla.Abstractions;

namespace Vla.MLNet;

/// <summary>One training row: the observation, its action-chunk label and (optionally) its episode id.</summary>
internal sealed record TrainingRow(long Row, Observation Observation, float[] Label, string? Episode);

/// <summary>Checks the label/episode columns and reads every row of the training data through one cursor.</summary>
internal static class TrainingRows
{
    private const string LabelRole = "action-chunk label", EpisodeRole = "episode id";

    public static DataViewSchema.Column BindLabel(DataViewSchema schema, string name, Recipe recipe)
    {
        var label = SchemaErrors.Find(schema, name, LabelRole);
        SchemaErrors.FloatVector(label, LabelRole, recipe.Chunk * recipe.ActionDim,
            $"K*D = {recipe.Chunk}*{recipe.ActionDim}: the recipe's chunk times action_dim");
        return label;
    }

    public static DataViewSchema.Column? BindEpisode(DataViewSchema schema, string? name)
    {
        if (name is null) return null;
        var column = SchemaErrors.Find(schema, name, EpisodeRole);
        if (column.Type is VectorDataViewType || !IsIdType(column.Type))
            throw SchemaErrors.Mismatch(name, EpisodeRole, "a scalar String, Int32, Int64, UInt32, UInt64 or key", column.Type.ToString()!);
        return column;
    }

    public static void CheckShape(SchemaShape shape, string label, string? episode)
    {
        SchemaErrors.FloatVector(SchemaErrors.Find(shape, label, LabelRole), LabelRole);
        if (episode is null) return;
        var column = SchemaErrors.Find(shape, episode, EpisodeRole);
        if (column.Kind != SchemaShape.Column.VectorKind.Scalar || !IsIdType(column.ItemType))
            throw SchemaErrors.Mismatch(episode, EpisodeRole, "a scalar String, Int32, Int64, UInt32, UInt64 or key",
                SchemaErrors.Describe(column));
    }

    public static List<TrainingRow> Read(IDataView data, BoundObservation bound, DataViewSchema.Column label, DataViewSchema.Column? episode)
    {
        var columns = bound.Columns.Append(label).Concat(episode is { } e ? [e] : []);
        using var cursor = data.GetRowCursor(columns);
        var observation = new ObservationReader(cursor, bound);
        var labelGetter = cursor.GetGetter<VBuffer<float>>(label);
        var episodeGetter = episode is { } column ? IdGetter(cursor, column) : null;
        var rows = new List<TrainingRow>();
        VBuffer<float> buffer = default;
        while (cursor.MoveNext())
        {
            labelGetter(ref buffer);
            var chunk = ObservationReader.Dense(ref buffer).ToArray();
            if (chunk.Any(v => !float.IsFinite(v)))
                throw new VlaException($"row {cursor.Position}: column '{label.Name}' ({LabelRole}) has NaN or infinity",
                    "clean or drop that row; training on NaN would destroy the weights");
            rows.Add(new TrainingRow(cursor.Position, observation.Read(), chunk, episodeGetter?.Invoke()));
        }
        if (rows.Count == 0) throw new VlaException("the training data has no rows", "check the data loading steps");
        return rows;
    }

    private static bool IsIdType(DataViewType type) =>
        type is TextDataViewType or KeyDataViewType || type == NumberDataViewType.Int32 || type == NumberDataViewType.Int64 ||
        type == NumberDataViewType.UInt32 || type == NumberDataViewType.UInt64;

    private static Func<string> IdGetter(DataViewRow row, DataViewSchema.Column column) => column.Type.RawType switch
    {
        var t when t == typeof(ReadOnlyMemory<char>) => Getter<ReadOnlyMemory<char>>(row, column),
        var t when t == typeof(byte) => Getter<byte>(row, column),
        var t when t == typeof(ushort) => Getter<ushort>(row, column),
        var t when t == typeof(int) => Getter<int>(row, column),
        var t when t == typeof(long) => Getter<long>(row, column),
        var t when t == typeof(uint) => Getter<uint>(row, column),
        var t when t == typeof(ulong) => Getter<ulong>(row, column),
        var t => throw SchemaErrors.Mismatch(column.Name, EpisodeRole, "a text or integer id", t.Name),
    };

    private static Func<string> Getter<T>(DataViewRow row, DataViewSchema.Column column)
    {
        var getter = row.GetGetter<T>(column);
        T value = default!;
        return () =>
        {
            getter(ref value);
            return value!.ToString()!;
        };
    }
}
