"""What the tests share and are not tests themselves: the loopback services they talk to, the kernels they start and
the environments they give them, the ways a notebook authenticates, the checks of recorded answers, and the secret
scan. No test module imports another; what two of them use lives here.

  loopback            a fake Azure on 127.0.0.1 over TLS, with its certificates, keys and tokens
  fake_azure_openai   that fake as Azure OpenAI under its real hostnames, with the doctor's failures
  loopback_proxy      an HTTPS proxy that tunnels every host to one loopback server, and a service behind it
  transports          where vcrpy patches each transport, and whether it has
  variants            the ways a notebook authenticates, recorded against loopback and replayed
  kernels             real Jupyter kernels in a temporary copy of the repository, and their shell's environment;
                      execute(), which runs a notebook through nbclient and survives jupyter_client's port race
  learner             a learner's kernel on the checkout's notebooks, run cell by cell
  learner_env         a learner's shell: no kit settings, no Azure CLI sign-in, optionally behind the proxy; the
                      learner's own Azure OpenAI resource
  exercise_attempts   what the exercise tests type: two wrong answers per exercise, and the steps before them
  fidelity            whether a recorded answer is one the SDKs read as the service's
  reference_shapes    the real answer's shape for each route, and how a kit answer differs from it
  guides              the guides' Python blocks, which the notebooks and the checker are tested on
  make                what make would run (make -n), for the tests of the Makefile and the workflows
  pins                the pin files, and what installing requirements installs, read from installed metadata
  secret_scan         finds secrets in cassettes, notebooks, pages and logs (python -m tests.support.secret_scan)
  corpus_runner       runs the checker's corpus programs in one process, as a script of its own
"""
