package org.toxwatch.advisor.monitoring;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The stored CourseWatch of one course (as {@link StoredWatch} JSON). */
@Entity
@Table(name = "course_watch")
public class CourseWatchRecord extends PanacheEntityBase {

    @Id
    @Column(name = "course_id")
    public String courseId;

    public String watch;

    /** Audit only. */
    @Column(name = "updated_at")
    public Instant updatedAt;
}
