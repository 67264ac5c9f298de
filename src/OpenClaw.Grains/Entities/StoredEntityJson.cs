using System.Text.Json.Serialization;

namespace OpenClaw.Grains.Entities;

/// <summary>Source-generated snake_case JSON of the stored projections (the format other readers of Redis rely on).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredOrder))]
[JsonSerializable(typeof(StoredReturn))]
[JsonSerializable(typeof(StoredCancellation))]
[JsonSerializable(typeof(StoredProduct))]
[JsonSerializable(typeof(StoredPackage))]
[JsonSerializable(typeof(StoredTracking))]
[JsonSerializable(typeof(StoredWarehouse))]
[JsonSerializable(typeof(StoredPerformanceDay))]
public sealed partial class StoredEntityJson : JsonSerializerContext;
