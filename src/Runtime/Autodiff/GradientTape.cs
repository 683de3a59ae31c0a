namespace Layers;

/// <summary>What <see cref="GradientTape.Gradient(Tensor, IReadOnlyList{Variable}, UnconnectedGradients)"/> returns for a source the target does not depend on.</summary>
public enum UnconnectedGradients
{
    /// <summary>Throw, naming the source (the default of the overloads without this argument).</summary>
    Error,
    /// <summary>Return null, as Keras and TensorFlow do.</summary>
    None,
    /// <summary>Return zeros of the source's shape.</summary>
    Zero,
}

/// <summary>
/// Records ops for reverse-mode differentiation, as TensorFlow's <c>tf.GradientTape</c>: ops run
/// while the tape is the innermost active one on this thread are recorded in execution order when
/// one of their inputs is a trainable <see cref="Variable"/>, a watched tensor, or the output of a
/// recorded op. <see cref="Gradient(Tensor, IReadOnlyList{Variable})"/> walks the record backwards.
/// <code>
/// using (var tape = new GradientTape())
/// {
///     var loss = lossFn(y, model.Apply(x));
///     var grads = tape.Gradient(loss, model.TrainableWeights);
/// }
/// </code>
/// A non-persistent tape computes gradients once and frees every intermediate as the backward pass
/// consumes it. The active tape and the no-grad scope are per thread.
/// </summary>
public sealed class GradientTape : IDisposable
{
    [ThreadStatic] private static GradientTape? t_current;
    [ThreadStatic] private static int t_pausedDepth;

    private readonly GradientTape? _outer;
    private readonly List<GradNode> _nodes = [];
    private readonly Dictionary<Tensor, Tensor> _leafGrads = new(ReferenceEqualityComparer.Instance);
    private HashSet<Tensor>? _watched;
    private bool _used;
    private bool _disposed;

    public GradientTape(bool persistent = false, bool watchAccessedVariables = true)
    {
        Persistent = persistent;
        WatchAccessedVariables = watchAccessedVariables;
        _outer = t_current;
        t_current = this;
    }

    /// <summary>A persistent tape keeps its record, so <c>Gradient</c> can be called more than once.</summary>
    public bool Persistent { get; }

    /// <summary>When true (the default) every trainable variable is watched; otherwise only what <see cref="Watch(Variable)"/> names.</summary>
    public bool WatchAccessedVariables { get; }

    /// <summary>Number of ops recorded so far.</summary>
    public int RecordedOps => _nodes.Count;

    /// <summary>The tape that records ops on this thread right now, or null (none active, or inside <see cref="NoGrad"/>).</summary>
    internal static GradientTape? Recording => t_pausedDepth == 0 ? t_current : null;

    /// <summary>True while ops on this thread are recorded by some tape.</summary>
    public static bool IsRecording => Recording is not null;

    /// <summary>Treat <paramref name="tensor"/> as a differentiable leaf (TensorFlow's <c>tape.watch</c>).</summary>
    public void Watch(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        (_watched ??= new HashSet<Tensor>(ReferenceEqualityComparer.Instance)).Add(tensor);
    }

    /// <summary>Watch a variable, trainable or not.</summary>
    public void Watch(Variable variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        Watch(variable.Value);
    }

    /// <summary>
    /// Suspends recording on this thread until the returned scope is disposed (PyTorch's
    /// <c>no_grad</c>, TensorFlow's <c>stop_recording</c>). Use it for inference and optimizer updates.
    /// </summary>
    public static NoGradScope NoGrad()
    {
        t_pausedDepth++;
        return new NoGradScope();
    }

    /// <summary>Ends a <see cref="NoGrad"/> scope.</summary>
    public readonly struct NoGradScope : IDisposable
    {
        public void Dispose() => t_pausedDepth--;
    }

    /// <summary>True when <paramref name="tensor"/> is differentiable on this tape: a recorded output, a watched tensor or an auto-watched variable.</summary>
    internal bool IsTracked(Tensor tensor)
    {
        if (tensor.GradNode is { } node) return node.Tape == this;
        if (tensor.Variable is { } variable && variable.Trainable && WatchAccessedVariables) return true;
        return _watched is not null && _watched.Contains(tensor);
    }

    /// <summary>The recording tape if any of the inputs is tracked by it, else null. Ops call this before building a backward rule.</summary>
    internal static GradientTape? For(Tensor a)
    {
        var tape = Recording;
        return tape is not null && tape.IsTracked(a) ? tape : null;
    }

    internal static GradientTape? For(Tensor a, Tensor b)
    {
        var tape = Recording;
        return tape is not null && (tape.IsTracked(a) || tape.IsTracked(b)) ? tape : null;
    }

    internal static GradientTape? For(ReadOnlySpan<Tensor> inputs)
    {
        var tape = Recording;
        if (tape is null) return null;
        foreach (var input in inputs)
            if (tape.IsTracked(input)) return tape;
        return null;
    }

    /// <summary>
    /// Records that <paramref name="output"/> was computed from <paramref name="inputs"/> by <paramref name="opName"/>.
    /// Call it from a separate method, not inline in the op, so the closure of <paramref name="backward"/> is
    /// only allocated when a tape records.
    /// </summary>
    internal void Record(string opName, Tensor output, Tensor[] inputs, BackwardRule backward)
    {
        if (output.GradNode is not null || output.Variable is not null)
            throw new InvalidOperationException($"{opName} must record a freshly created output tensor.");
        var node = new GradNode(this, opName, output, inputs, backward);
        output.GradNode = node;
        _nodes.Add(node);
    }

    /// <summary>Gradients of <paramref name="target"/> with respect to each variable; throws if the target does not depend on one.</summary>
    public Tensor[] Gradient(Tensor target, IReadOnlyList<Variable> sources) =>
        Gradient(target, sources, UnconnectedGradients.Error)!;

    /// <summary>Gradients of <paramref name="target"/> with respect to each variable.</summary>
    public Tensor?[] Gradient(Tensor target, IReadOnlyList<Variable> sources, UnconnectedGradients unconnected)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var tensors = new Tensor[sources.Count];
        var names = new string[sources.Count];
        for (int i = 0; i < tensors.Length; i++)
        {
            var variable = sources[i] ?? throw new ArgumentException($"Source {i} is null.", nameof(sources));
            tensors[i] = variable.Value;
            names[i] = $"variable '{variable.Path}'";
        }
        return Compute(target, tensors, names, unconnected);
    }

    /// <summary>Gradients of <paramref name="target"/> with respect to each tensor; throws if the target does not depend on one.</summary>
    public Tensor[] Gradient(Tensor target, IReadOnlyList<Tensor> sources) =>
        Gradient(target, sources, UnconnectedGradients.Error)!;

    /// <summary>Gradients of <paramref name="target"/> with respect to each tensor (watched leaves or recorded intermediates).</summary>
    public Tensor?[] Gradient(Tensor target, IReadOnlyList<Tensor> sources, UnconnectedGradients unconnected)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var tensors = new Tensor[sources.Count];
        var names = new string[sources.Count];
        for (int i = 0; i < tensors.Length; i++)
        {
            tensors[i] = sources[i] ?? throw new ArgumentException($"Source {i} is null.", nameof(sources));
            names[i] = $"source {i} (shape {tensors[i].Shape})";
        }
        return Compute(target, tensors, names, unconnected);
    }

    private Tensor?[] Compute(Tensor target, Tensor[] sources, string[] names, UnconnectedGradients unconnected)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (_used && !Persistent)
            throw new InvalidOperationException(
                "A non-persistent GradientTape can compute gradients only once; create it with persistent: true to call Gradient again.");
        _used = true;

        var results = new Tensor?[sources.Length];
        var sourceIndex = new Dictionary<Tensor, List<int>>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < sources.Length; i++)
        {
            if (!sourceIndex.TryGetValue(sources[i], out var slots)) sourceIndex[sources[i]] = slots = [];
            slots.Add(i);
        }

        using (NoGrad())
        {
            _leafGrads.Clear();
            var seed = Tensor.OnesLike(target);
            if (target.GradNode is { } targetNode && targetNode.Tape == this)
            {
                targetNode.Grad = seed;
                RunBackward(targetNode, sourceIndex, results);
            }
            else if (IsTracked(target))
            {
                _leafGrads[target] = seed;
            }

            foreach (var (tensor, grad) in _leafGrads)
                if (sourceIndex.TryGetValue(tensor, out var slots))
                    foreach (int slot in slots) results[slot] = grad;
            _leafGrads.Clear();
        }

        for (int i = 0; i < results.Length; i++)
        {
            if (results[i] is not null) continue;
            switch (unconnected)
            {
                case UnconnectedGradients.Error:
                    throw new InvalidOperationException(
                        $"The target does not depend on {names[i]}: no recorded op connects them. " +
                        "Check that it was used while this tape was active (and not inside NoGrad), or pass UnconnectedGradients.None to get null.");
                case UnconnectedGradients.Zero:
                    results[i] = Tensor.ZerosLike(sources[i]);
                    break;
            }
        }
        return results;
    }

    private void RunBackward(GradNode targetNode, Dictionary<Tensor, List<int>> sourceIndex, Tensor?[] results)
    {
        int last = _nodes.IndexOf(targetNode);
        for (int i = last; i >= 0; i--)
        {
            var node = _nodes[i];
            var grad = node.Grad;
            if (grad is null || node.Backward is null) continue;
            if (sourceIndex.TryGetValue(node.Output!, out var slots))
                foreach (int slot in slots) results[slot] = grad;
            node.Backward(grad, new GradInputs(this, node));
            node.Grad = null;
            if (!Persistent) node.Release();
        }
    }

    /// <summary>Adds a gradient contribution to a tracked tensor (a recorded output or a leaf).</summary>
    internal void Accumulate(Tensor input, Tensor grad)
    {
        if (input.GradNode is { } node)
        {
            if (node.Tape != this) return;
            node.Grad = node.Grad is null ? grad : SumOfGradients(node.Grad, grad);
        }
        else if (IsTracked(input))
        {
            _leafGrads[input] = _leafGrads.TryGetValue(input, out var existing) ? SumOfGradients(existing, grad) : grad;
        }
    }

    /// <summary>A new tensor holding a + b. Gradient contributions to one tensor always share its shape and dtype.</summary>
    private static Tensor SumOfGradients(Tensor a, Tensor b)
    {
        var sum = a.AllocateLike();
        switch (a.DType)
        {
            case DType.Float32: System.Numerics.Tensors.TensorPrimitives.Add(a.AsReadOnlySpan<float>(), b.AsReadOnlySpan<float>(), sum.Span<float>()); break;
            case DType.Float64: System.Numerics.Tensors.TensorPrimitives.Add(a.AsReadOnlySpan<double>(), b.AsReadOnlySpan<double>(), sum.Span<double>()); break;
            default: throw new InvalidOperationException($"Gradients must be floating point; got {a.DType.Name()}.");
        }
        return sum;
    }

    /// <summary>
    /// Stops recording. The record is kept, so — as in TensorFlow, where <c>tape.gradient</c> usually runs
    /// after the <c>with</c> block — <c>Gradient</c> may still be called afterwards.
    /// </summary>
    public void Dispose()
    {
        if (_disposed) return;
        if (t_current != this)
            throw new InvalidOperationException("GradientTapes must be disposed in the reverse order of their creation, on the thread that created them.");
        _disposed = true;
        t_current = _outer;
    }
}
