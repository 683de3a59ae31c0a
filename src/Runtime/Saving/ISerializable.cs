namespace Layers;

/// <summary>Something Keras serializes as <c>{module, class_name, config, registered_name}</c>.</summary>
public interface ISerializable
{
    /// <summary>Keras' class name (<c>GlorotUniform</c>, <c>L2</c>, <c>Dense</c>).</summary>
    string ClassName { get; }

    /// <summary>The constructor arguments, as Keras' <c>get_config()</c>.</summary>
    Config GetConfig();
}
