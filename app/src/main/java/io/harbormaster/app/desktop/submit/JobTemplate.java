package io.harbormaster.app.desktop.submit;

/**
 * Starting points for a new job, one per engine and kind. WebAssembly templates name a module
 * path the operator replaces with one under an allow-listed directory.
 */
public enum JobTemplate {
    DOCKER_BATCH("Docker batch", """
            Name: hello-docker
            Type: batch
            Tasks:
              - Name: main
                Engine:
                  Type: docker
                  Params:
                    Image: busybox:1.36
                    Entrypoint: ["sh", "-c"]
                    Parameters: ["echo hello from $GREETING"]
                    EnvironmentVariables: ["GREETING=harbormaster"]
                Timeouts: { ExecutionTimeout: 600 }
            """),
    DOCKER_SERVICE("Docker service", """
            Name: ticker-docker
            Type: service
            Tasks:
              - Name: main
                Engine:
                  Type: docker
                  Params:
                    Image: busybox:1.36
                    Entrypoint: ["sh", "-c"]
                    Parameters: ["while true; do date; sleep 1; done"]
            """),
    WASM_BATCH("WebAssembly batch", """
            Name: hello-wasm
            Type: batch
            Tasks:
              - Name: main
                Engine:
                  Type: wasm
                  Params:
                    EntryModule:
                      Source:
                        Type: localDirectory
                        Params:
                          SourcePath: /path/to/allow-listed/hello.wasm
                    EntryPoint: _start
            """),
    WASM_SERVICE("WebAssembly service", """
            Name: ticker-wasm
            Type: service
            Tasks:
              - Name: main
                Engine:
                  Type: wasm
                  Params:
                    EntryModule:
                      Source:
                        Type: localDirectory
                        Params:
                          SourcePath: /path/to/allow-listed/ticker.wasm
            """);

    private final String label;
    private final String text;

    JobTemplate(String label, String text) {
        this.label = label;
        this.text = text;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return label;
    }
}
