using System.Resources;

// English lives in the main assembly; zh-Hans in its satellite.
[assembly: NeutralResourcesLanguage("en")]
