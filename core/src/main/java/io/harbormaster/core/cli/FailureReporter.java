package io.harbormaster.core.cli;

import io.harbormaster.core.HarbormasterException;
import io.harbormaster.core.api.ApiRequestException;
import io.harbormaster.core.api.NodeUnreachableException;
import io.harbormaster.core.spec.SpecInvalidException;
import io.harbormaster.core.spec.SpecProblem;
import io.harbormaster.core.reset.UnknownResetPlanException;
import io.harbormaster.core.store.UnknownExecutionException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * Where a command's failures end: the user's message on stderr, no stack trace, and the exit code
 * {@link ExitCode} documents. Anything that is not a HarbormasterException is a bug and keeps its trace.
 */
final class FailureReporter implements IExecutionExceptionHandler, IExitCodeExceptionMapper {

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult)
            throws Exception {
        if (!(failure instanceof HarbormasterException problem)) {
            throw failure;
        }
        PrintWriter err = commandLine.getErr();
        if (problem instanceof SpecInvalidException invalid) {
            err.println("Invalid job spec:");
            for (SpecProblem specProblem : invalid.problems()) {
                err.println("  " + specProblem);
            }
        } else {
            err.println("Error: " + problem.userMessage());
        }
        err.flush();
        return getExitCode(problem);
    }

    @Override
    public int getExitCode(Throwable failure) {
        if (failure instanceof SpecInvalidException || failure instanceof UnknownExecutionException
                || failure instanceof UnknownResetPlanException) {
            return ExitCode.USAGE;
        }
        if (failure instanceof NodeUnreachableException) {
            return ExitCode.NODE_UNREACHABLE;
        }
        if (failure instanceof ApiRequestException request && request.status() == 401) {
            return ExitCode.NODE_UNREACHABLE;
        }
        if (failure instanceof CommandLine.ParameterException) {
            return ExitCode.USAGE;
        }
        return ExitCode.EXECUTION_FAILED;
    }
}
