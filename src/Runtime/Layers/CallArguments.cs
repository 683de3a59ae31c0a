using System.ComponentModel;

namespace Layers;

/// <summary>
/// The tensor arguments of one layer call, without allocating for up to three of them: the single
/// input of most layers, the several tensor parameters of a multi-input <c>Call</c>, or the items of a
/// list input (Keras' <c>Add()([a, b])</c>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public readonly struct CallArguments
{
    private readonly Tensor _first;
    private readonly Tensor? _second;
    private readonly Tensor? _third;
    private readonly IReadOnlyList<Tensor>? _items;

    public CallArguments(Tensor first)
    {
        _first = first;
        Count = 1;
    }

    public CallArguments(Tensor first, Tensor second)
    {
        _first = first;
        _second = second;
        Count = 2;
    }

    public CallArguments(Tensor first, Tensor second, Tensor third)
    {
        _first = first;
        _second = second;
        _third = third;
        Count = 3;
    }

    private CallArguments(IReadOnlyList<Tensor> items, bool isList)
    {
        _items = items;
        _first = items[0];
        Count = items.Count;
        IsList = isList;
    }

    /// <summary>Arguments given as separate tensor parameters (four or more).</summary>
    public static CallArguments FromParameters(IReadOnlyList<Tensor> tensors) => new(tensors, isList: false);

    /// <summary>One list argument, as Keras' merge layers take.</summary>
    public static CallArguments FromList(IReadOnlyList<Tensor> tensors) => new(tensors, isList: true);

    public int Count { get; }

    /// <summary>True when the call received one list of tensors rather than separate tensor parameters.</summary>
    public bool IsList { get; }

    public Tensor this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The call has {Count} tensor argument(s).");
            if (_items is not null) return _items[index];
            return index switch { 0 => _first, 1 => _second!, _ => _third! };
        }
    }

    /// <summary>The arguments as a list (allocates unless they came as one).</summary>
    public IReadOnlyList<Tensor> ToList()
    {
        if (_items is not null) return _items;
        return Count switch
        {
            1 => [_first],
            2 => [_first, _second!],
            _ => [_first, _second!, _third!],
        };
    }

    /// <summary>The same arguments with each one replaced by <paramref name="map"/>(it), keeping the form.</summary>
    internal CallArguments Select(Func<Tensor, Tensor> map)
    {
        if (_items is not null)
        {
            var mapped = new Tensor[Count];
            for (int i = 0; i < mapped.Length; i++) mapped[i] = map(_items[i]);
            return new CallArguments(mapped, IsList);
        }
        return Count switch
        {
            1 => new CallArguments(map(_first)),
            2 => new CallArguments(map(_first), map(_second!)),
            _ => new CallArguments(map(_first), map(_second!), map(_third!)),
        };
    }
}
