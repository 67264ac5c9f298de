namespace OpenClaw.Runtime.TestSilo;

/// <summary>State of <see cref="WriterGrain"/>: every acknowledged value, and the timer ticks seen.</summary>
public sealed class WriterState
{
    public List<int> Values { get; set; } = [];

    public int Activations { get; set; }
}

/// <summary>A grain that appends values to its state and runs a timer (failover tests).</summary>
public interface IWriterGrain : IGrainWithStringKey
{
    /// <summary>Appends a value and returns once it is written to storage (acknowledged).</summary>
    Task Append(int value);

    /// <summary>Every value in state.</summary>
    Task<List<int>> Values();

    /// <summary>Starts a timer and returns the silo port serving the grain.</summary>
    Task<int> Start();

    /// <summary>The silo port and the timer ticks of this activation.</summary>
    Task<int[]> Where();
}

/// <summary>Writes every appended value before acknowledging it; keeps a timer running while active.</summary>
public sealed class WriterGrain([PersistentState("writer")] IPersistentState<WriterState> state, IConfiguration configuration) : Grain, IWriterGrain
{
    private readonly int port = configuration.GetValue("Orleans:Endpoints:SiloPort", 0);
    private int ticks;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        state.State.Activations++;
        await state.WriteStateAsync(cancellationToken);
        RegisterGrainTimer(_ => { ticks++; return Task.CompletedTask; }, new GrainTimerCreationOptions(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)) { KeepAlive = true });
    }

    public async Task Append(int value)
    {
        state.State.Values.Add(value);
        await state.WriteStateAsync();
    }

    public Task<List<int>> Values() => Task.FromResult(state.State.Values);

    public Task<int> Start() => Task.FromResult(port);

    public Task<int[]> Where() => Task.FromResult(new[] { port, ticks });
}
