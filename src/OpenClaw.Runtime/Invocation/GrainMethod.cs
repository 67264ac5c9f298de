using System.Linq.Expressions;
using System.Reflection;

namespace OpenClaw.Runtime.Invocation;

/// <summary>How a grain method hands back its result.</summary>
internal enum ReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>One method of a grain interface: its wire id, parameter types and a compiled call on a grain instance.</summary>
internal abstract class GrainMethod
{
    protected GrainMethod(MethodInfo method, ReturnKind kind, Type resultType)
    {
        Method = method;
        Kind = kind;
        ResultType = resultType;
        ParameterTypes = [.. method.GetParameters().Select(p => p.ParameterType)];
        Id = method.Name + "(" + string.Join(",", ParameterTypes.Select(t => t.FullName ?? t.Name)) + ")";
    }

    public MethodInfo Method { get; }

    /// <summary>Stable id on the wire: name and parameter types (overloads stay distinct).</summary>
    public string Id { get; }

    public Type[] ParameterTypes { get; }

    public ReturnKind Kind { get; }

    /// <summary>The T of Task&lt;T&gt;/ValueTask&lt;T&gt;; <see cref="object"/> for Task/ValueTask.</summary>
    public Type ResultType { get; }

    public bool ReturnsValue => Kind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT;

    /// <summary>Routes a call from a proxy and returns the object the interface method must return.</summary>
    public abstract object Dispatch(GrainReference reference, object?[] args);

    /// <summary>Runs the method on a grain instance and returns its result boxed (used by call filters).</summary>
    public abstract Task<object?> InvokeBoxedAsync(object grain, object?[] args);

    /// <summary>Routes a call that arrived from another process and returns its result boxed.</summary>
    public abstract Task<object?> RouteBoxedAsync(GrainReference reference, object?[] args);

    public static GrainMethod Create(MethodInfo method)
    {
        if (method.IsGenericMethodDefinition)
        {
            throw new NotSupportedException($"Generic grain method {method.DeclaringType?.Name}.{method.Name} is not supported.");
        }

        var returnType = method.ReturnType;
        (ReturnKind kind, Type result) = returnType switch
        {
            _ when returnType == typeof(Task) => (ReturnKind.Task, typeof(object)),
            _ when returnType == typeof(ValueTask) => (ReturnKind.ValueTask, typeof(object)),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(Task<>) => (ReturnKind.TaskOfT, returnType.GetGenericArguments()[0]),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(ValueTask<>) => (ReturnKind.ValueTaskOfT, returnType.GetGenericArguments()[0]),
            _ => throw new NotSupportedException(
                $"Grain method {method.DeclaringType?.Name}.{method.Name} must return Task, Task<T>, ValueTask or ValueTask<T>."),
        };

        var closed = typeof(GrainMethod<>).MakeGenericType(result);
        return (GrainMethod)Activator.CreateInstance(closed, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null, [method, kind], null)!;
    }
}

/// <summary>A grain method whose result is <typeparamref name="T"/> (object for methods without a result).</summary>
internal sealed class GrainMethod<T> : GrainMethod
{
    private static readonly Task<T> CompletedDefault = Task.FromResult(default(T)!);
    private readonly Func<object, object?[], Task<T>> invoke;

    public GrainMethod(MethodInfo method, ReturnKind kind)
        : base(method, kind, typeof(T))
    {
        invoke = Compile(method, kind);
    }

    public override object Dispatch(GrainReference reference, object?[] args)
    {
        var task = reference.Router.InvokeAsync(reference, this, args);
        return Kind switch
        {
            ReturnKind.TaskOfT or ReturnKind.Task => task,
            ReturnKind.ValueTaskOfT => new ValueTask<T>(task),
            _ => new ValueTask(task),
        };
    }

    /// <summary>Calls the method on the grain; never throws synchronously.</summary>
    public Task<T> Invoke(object grain, object?[] args)
    {
        try
        {
            return invoke(grain, args);
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
    }

    public override async Task<object?> InvokeBoxedAsync(object grain, object?[] args) => await Invoke(grain, args).ConfigureAwait(false);

    public override async Task<object?> RouteBoxedAsync(GrainReference reference, object?[] args) =>
        await reference.Router.RouteAsync(reference, this, args).ConfigureAwait(false);

    private static Func<object, object?[], Task<T>> Compile(MethodInfo method, ReturnKind kind)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters()
            .Select((p, i) => (Expression)Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType));
        Expression call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, parameters);
        var adapter = kind switch
        {
            ReturnKind.TaskOfT => null,
            ReturnKind.Task => nameof(FromTask),
            ReturnKind.ValueTaskOfT => nameof(FromValueTaskOfT),
            _ => nameof(FromValueTask),
        };
        if (adapter is not null)
        {
            call = Expression.Call(typeof(GrainMethod<T>).GetMethod(adapter, BindingFlags.NonPublic | BindingFlags.Static)!, call);
        }

        return Expression.Lambda<Func<object, object?[], Task<T>>>(call, grain, args).Compile();
    }

    private static Task<T> FromTask(Task task) => task.IsCompletedSuccessfully ? CompletedDefault : AwaitTask(task);

    private static async Task<T> AwaitTask(Task task)
    {
        await task.ConfigureAwait(false);
        return default!;
    }

    private static Task<T> FromValueTaskOfT(ValueTask<T> task) => task.IsCompletedSuccessfully ? Task.FromResult(task.Result) : task.AsTask();

    private static Task<T> FromValueTask(ValueTask task) => task.IsCompletedSuccessfully ? CompletedDefault : AwaitTask(task.AsTask());
}
