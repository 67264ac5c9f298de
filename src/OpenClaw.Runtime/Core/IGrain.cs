namespace OpenClaw.Runtime;

/// <summary>Marks an object that has a grain identity (a grain reference or a grain instance).</summary>
#pragma warning disable CA1040 // Marker interfaces mirror Orleans' programming model.
public interface IAddressable;

/// <summary>Base interface of every grain interface.</summary>
public interface IGrain : IAddressable;

/// <summary>A grain interface whose grains are identified by a string key.</summary>
public interface IGrainWithStringKey : IGrain;
#pragma warning restore CA1040
