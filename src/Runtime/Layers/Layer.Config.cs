using System.ComponentModel;

namespace Layers;

public abstract partial class Layer
{
    /// <summary>
    /// The layer's configuration (Keras' <c>get_config</c>): <c>name</c>, <c>trainable</c>, <c>dtype</c>
    /// (and <c>activity_regularizer</c> when set), then the constructor arguments that generated layers add.
    /// </summary>
    public virtual Config GetConfig()
    {
        var config = new Config(ClassName)
            .Set("name", Name)
            .Set("trainable", Trainable)
            .Set("dtype", DTypePolicy.ToJson());
        if (ActivityRegularizer is not null)
            config.Set("activity_regularizer", Serialization.Serialize(ActivityRegularizer));
        return config;
    }

    /// <summary>
    /// Generator hook behind a generated <c>FromConfig</c>: reads the base keys, constructs the layer with
    /// <paramref name="construct"/> so that it takes the saved name without advancing the name counter,
    /// then applies <c>trainable</c> and the activity regularizer.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static TLayer FromConfigCore<TLayer>(Config config, Func<TLayer> construct) where TLayer : Layer
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(construct);
        string? name = config.GetNullableString("name");
        if (name is not null) LayerNames.Validate(name, $"{config.Owner} config: layer");
        var dtype = config.ContainsKey("dtype") ? DTypePolicy.FromJson(config.GetNode("dtype"), config.Owner) : null;
        TLayer layer;
        using (PendingIdentity.Set(typeof(TLayer), name, dtype))
            layer = construct();
        if (name is not null && layer.Name != name) layer.Name = name;
        if (dtype is not null && layer.DTypePolicy.Name != dtype.Name) layer.DTypePolicy = dtype;
        if (config.GetNullableBoolean("trainable") is { } trainable) layer.Trainable = trainable;
        if (config.GetNullableConfig("activity_regularizer") is { } regularizer)
            layer.ActivityRegularizer = Serialization.DeserializeRegularizer(regularizer.Json, $"{config.Owner}.activity_regularizer");
        return layer;
    }
}
