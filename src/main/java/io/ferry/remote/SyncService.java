package io.ferry.remote;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.content.RepoEntity;
import io.ferry.content.RepoLocator;
import io.ferry.security.CurrentUser;
import io.ferry.task.TaskService;
import io.ferry.task.TaskView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/** Starts repository syncs as tasks; one sync per repository runs at a time. */
@ApplicationScoped
public class SyncService {
    @Inject
    RepoLocator locator;
    @Inject
    TaskService tasks;
    @Inject
    CurrentUser currentUser;

    @Transactional
    public TaskView sync(String org, String product, String repo) {
        RepoEntity r = locator.locate(org, product, repo).repository();
        if (r.remoteUrl == null) {
            throw new FerryException(ErrorCode.REMOTE_MISSING, "Repository '" + r.label + "' has no remote to sync from; set "
                    + "'remote' with PUT on the repository first.", "remote");
        }
        return tasks.submit(SyncHandler.TYPE, Map.of("repositoryId", r.id), List.of("repository:" + r.id), currentUser.username());
    }
}
